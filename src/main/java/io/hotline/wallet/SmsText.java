package io.hotline.wallet;

import java.util.Map;

/**
 * The text of each kind of SMS, in English and Chinese (the languages of the flows; any other falls back
 * to English). The same template makes the stored body, with the code blanked, and the text that is sent.
 * No template has room for a PIN.
 */
public final class SmsText {
    /** What stands for the code in the stored body. */
    public static final String BLANKED_CODE = "******";

    private SmsText() {}

    /**
     * The text to send.
     *
     * @param code the reset code for {@link SmsKind#RESET_CODE}, else ignored
     */
    public static String render(SmsKind kind, String lang, Map<String, String> params, String code) {
        boolean zh = "zh".equals(lang);
        return switch (kind) {
            case TEXT -> params.getOrDefault("text", "");
            case RESET_CODE ->
                zh
                        ? "您的钱包密码重置验证码为" + code + "，" + minutes() + "分钟内有效。请勿告诉任何人，我们不会向您索取。"
                        : "Your wallet password reset code is " + code + ". It expires in " + minutes()
                                + " minutes. Never share it: we will never ask for it.";
            case FREEZE_NOTICE ->
                zh
                        ? "您的钱包已于" + params.getOrDefault("time", "") + "通过客服热线来电冻结，编号" + params.getOrDefault("ref", "")
                                + "。如非本人操作，请致电我们。"
                        : "Your wallet was frozen by a call to the hotline at " + params.getOrDefault("time", "")
                                + ", ref " + params.getOrDefault("ref", "") + ". Call us if this was not you.";
            case COMPLAINT_REFERENCE ->
                zh
                        ? "您的投诉已登记，编号" + params.getOrDefault("ref", "") + "。我们将于" + params.getOrDefault("due", "")
                                + "前答复您。"
                        : "We have your complaint, ref " + params.getOrDefault("ref", "") + ". We will answer you by "
                                + params.getOrDefault("due", "") + ".";
        };
    }

    /** The text as stored and shown: the code, if any, blanked. */
    public static String stored(SmsKind kind, String lang, Map<String, String> params) {
        return render(kind, lang, params, BLANKED_CODE);
    }

    private static long minutes() {
        return Wallet.RESET_CODE_TTL.toMinutes();
    }
}
