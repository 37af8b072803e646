/**
 * The top of the house: {@link io.hotline.Main}, the {@code hotline} command line, which lists the sub-commands of
 * {@code io.hotline.cli}. Nothing else lives here, and no package imports this one.
 */
package io.hotline;
