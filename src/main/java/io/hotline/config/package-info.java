/**
 * Configuration: {@link io.hotline.config.Settings} reads the {@code HOTLINE_*} environment variables
 * (over an optional properties file named by {@code HOTLINE_CONFIG}), and
 * {@link io.hotline.config.ConfigException} is how any part refuses a setting, naming the key;
 * {@link io.hotline.config.Backoff} is the one back-off of every link that reconnects and every send that is retried. The
 * bottom of the house: it imports no other Hotline package; every part that takes settings imports it.
 */
package io.hotline.config;
