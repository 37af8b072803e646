package io.hotline.doctor;

import io.hotline.config.ConfigException;
import io.hotline.config.Settings;
import io.hotline.db.DbConfig;
import io.hotline.telephony.agi.AgiConfig;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ari.AriConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code hotline doctor} checks against: the same {@code HOTLINE_*} settings as {@code serve}
 * (AMI, ARI, FastAGI, sounds prefix, fallback queue, flows) plus where the shipped dialplan's hotline
 * extensions are, which the settings do not say.
 *
 * @param ami           {@code HOTLINE_AMI_*}; empty when {@code HOTLINE_AMI_HOST} is unset (nothing can be checked)
 * @param ari           {@code HOTLINE_ARI_*}, checked when {@code HOTLINE_TELEPHONY} is {@code ari} or {@code both}
 * @param agi           {@code HOTLINE_AGI_*} and {@code HOTLINE_SOUNDS_PREFIX}
 * @param telephony     {@code HOTLINE_TELEPHONY}: {@code agi}, {@code ari} or {@code both}
 * @param fallbackQueue {@code HOTLINE_FALLBACK_QUEUE}
 * @param testQueue     {@code HOTLINE_DOCTOR_QUEUE}, default {@code hotline-doctor}: the member-less queue the
 *                      test call is handed to
 * @param flowsDir      {@code HOTLINE_FLOWS_DIR}: the flows whose queues and prompts must exist
 * @param context       the dialplan context callers land in ({@code --context}, default {@code hotline})
 * @param agiExten      its FastAGI extension ({@code --agi-exten}, default {@code 100})
 * @param ariExten      its ARI extension ({@code --ari-exten}, default {@code 200})
 * @param db            the database of the console users ({@code HOTLINE_DB_*}), when {@code HOTLINE_DB_URL} names
 *                      one; the doctor never starts an embedded database of its own
 * @param testCall      whether to place the test call ({@code --no-call} turns it off)
 * @param timeout       how long each hop of the test call may take ({@code --timeout}, default 10s)
 */
public record DoctorConfig(
        Optional<AmiConfig> ami,
        AriConfig ari,
        AgiConfig agi,
        String telephony,
        String fallbackQueue,
        String testQueue,
        Path flowsDir,
        String context,
        String agiExten,
        String ariExten,
        Optional<DbConfig> db,
        boolean testCall,
        Duration timeout) {

    /** The expected Asterisk version: the one the real-PBX test tier runs. */
    public static final String TESTED_VERSION = "22.10.1";

    public DoctorConfig {
        if (!context.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException("--context: letters, digits, '_' and '-' only, got '" + context + "'");
        }
        if (!agiExten.matches("[A-Za-z0-9_+*#-]+") || !ariExten.matches("[A-Za-z0-9_+*#-]+")) {
            throw new ConfigException(
                    "--agi-exten / --ari-exten: an extension, got '" + agiExten + "' / '" + ariExten + "'");
        }
        if (!testQueue.matches("[a-z][A-Za-z0-9_-]*") || testQueue.equals("general")) {
            throw new ConfigException("HOTLINE_DOCTOR_QUEUE: a queue name starting with a lower-case letter (as the"
                    + " [queues] context's pattern wants), not 'general', got '" + testQueue + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("--timeout: must be positive");
        }
    }

    public static DoctorConfig from(
            Settings s, String context, String agiExten, String ariExten, boolean testCall, Duration timeout) {
        String telephony = s.string("HOTLINE_TELEPHONY", "agi").toLowerCase(Locale.ROOT);
        if (!telephony.equals("agi") && !telephony.equals("ari") && !telephony.equals("both")) {
            throw new ConfigException("HOTLINE_TELEPHONY: must be agi, ari or both, got '" + telephony + "'");
        }
        return new DoctorConfig(
                AmiConfig.from(s),
                AriConfig.from(s),
                AgiConfig.from(s),
                telephony,
                s.string("HOTLINE_FALLBACK_QUEUE", "general-support"),
                testQueue(s),
                s.path("HOTLINE_FLOWS_DIR", "ivr-flows"),
                context,
                agiExten,
                ariExten,
                s.string("HOTLINE_DB_URL", "").isBlank() ? Optional.empty() : Optional.of(DbConfig.from(s)),
                testCall,
                timeout);
    }

    /** {@code HOTLINE_DOCTOR_QUEUE}: read by {@code serve} too, whose test-call flow hands off to it. */
    public static String testQueue(Settings s) {
        return s.string("HOTLINE_DOCTOR_QUEUE", "hotline-doctor");
    }

    public boolean usesAgi() {
        return !telephony.equals("ari");
    }

    public boolean usesAri() {
        return !telephony.equals("agi");
    }
}
