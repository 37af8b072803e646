/**
 * {@code hotline doctor}: checks a live Asterisk against what Hotline needs, end to end, through
 * Asterisk's own interfaces only (AMI, ARI and one labelled test call), never its config files.
 *
 * <ul>
 *   <li>{@link io.hotline.doctor.Doctor} runs the checks in order and returns a {@link io.hotline.doctor.Report}
 *       of {@link io.hotline.doctor.Finding}s (ok / warning / problem, with the fix naming the Asterisk
 *       config file and key); {@code cli.DoctorCommand} only parses options and prints it.</li>
 *   <li>{@code AmiChecks}, {@code UserChecks}, {@code AriChecks}: what the manager user may do, the version,
 *       queues and who answers them, the dialplan's entry points and globals ({@code DIALPLAN_EXISTS},
 *       {@code Getvar}), ARI.</li>
 *   <li>{@code TestCall} places the test call ({@code Originate} of a Local channel with the unique id
 *       {@code hotline-doctor-<random>}) and verifies each hop from Asterisk's side;
 *       {@link io.hotline.doctor.TestCallFlow} is the built-in flow that {@code serve} (or the doctor's own
 *       FastAGI listener / Stasis application, when no serve runs) runs for such a call instead of the
 *       flows: no ticket, no session. Over FastAGI it also looks at the sounds ({@code SoundProbe}:
 *       {@code STAT}, which AMI and ARI may not evaluate) and reports in {@code HOTLINE_DOCTOR_*} channel
 *       variables.</li>
 * </ul>
 */
package io.hotline.doctor;
