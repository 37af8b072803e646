/**
 * The console's users ({@code users} table): {@link io.hotline.users.Users} creates them and checks sign-ins
 * (PBKDF2 password hashes, audited), {@link io.hotline.users.ConsoleUser} is a user without secrets (role, the
 * Asterisk interface an agent answers on, their queues), {@link io.hotline.users.Role} what they may do, and
 * {@link io.hotline.users.DemoUsers} the demo's public sign-ins. The web side (sessions, throttling, the
 * in-memory directory) is the console's; {@code hotline user} and the doctor use this package too.
 */
package io.hotline.users;
