package io.hotline.engine;

import io.hotline.call.PromptPart;
import io.hotline.flow.Prompt;
import java.util.List;
import java.util.Map;

/** What the engine plays for a prompt, for tests outside this package. */
public final class Rendering {
    private Rendering() {}

    /** Exactly what a call in {@code language} with these variables is asked to play. */
    public static List<PromptPart> render(Prompt prompt, String language, Map<String, String> vars) {
        return PromptRenderer.render(prompt, language, vars);
    }
}
