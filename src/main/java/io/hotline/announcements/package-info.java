/**
 * Announcements: what an admin switches on without touching the flows ("recharges by bank card are failing since
 * 14:00; your money is safe"), per journey or for everyone, with a text in every language the flows declare and a
 * time window. Stored in {@code announcements} (every change audited), their sound synthesized into the prompts'
 * sounds directory as {@code <lang>/announcement.<id>.wav} or recorded there by an admin; live once switched on,
 * its sound exists in every language and its window has begun. The engine plays them at the flows'
 * {@code announce} points through {@link io.hotline.engine.Announcements}, which
 * {@link io.hotline.announcements.AnnouncementDesk} answers from memory.
 *
 * <p>Kept apart from {@code contact} (callbacks) on purpose: it depends on db, prompts, flow and the engine's
 * port only.
 */
package io.hotline.announcements;
