package io.hotline.config;

/** A configuration value is missing or invalid; the message starts with the key. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
