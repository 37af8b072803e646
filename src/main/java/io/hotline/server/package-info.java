/**
 * The composition root: {@link io.hotline.server.Hotline} wires the core (database, wallet, tickets, published
 * flows, engine, SMS sender) and {@link io.hotline.server.Server} the whole of {@code hotline serve} on top of it
 * (prompts, flows watcher, FastAGI/ARI, console with its AMI link, operations endpoints, cluster link), each from
 * one {@link io.hotline.config.Settings}. Only the commands ({@code cli}) and the benchmarks import it; no part
 * imports it back.
 */
package io.hotline.server;
