package dev.memos.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Anti-injection: flags memory text that could steer a model that later reads it. A flagged entry
 * is stored (the agent may need it) but never fed to a summariser, and the flags are reported.
 */
public final class InjectionFilter {
    public static final String CONTROL = "control-characters";
    public static final String ROLE_MARKER = "role-marker";
    public static final String OVERRIDE = "instruction-override";
    public static final String OVERSIZE = "oversize";

    private static final Pattern ROLE = Pattern.compile(
            "(?im)^\\s*(system|assistant|user|developer|tool)\\s*:|<\\|(im_start|im_end|system|endoftext)\\|>|\\[/?INST]"
                    + "|<</?SYS>>|^\\s*#{2,}\\s*(system|instruction)");
    private static final Pattern OVERRIDE_TEXT = Pattern.compile(
            "(ignore|disregard|forget|override)\\s+(all\\s+|any\\s+|the\\s+)?(previous|prior|above|earlier|preceding|your)\\s+"
                    + "(instructions?|prompts?|rules?|context|messages?)"
                    + "|you\\s+are\\s+now\\s+|new\\s+instructions?\\s*:|jailbreak|do\\s+anything\\s+now");

    private final int oversizeBytes;

    public InjectionFilter(int oversizeBytes) {
        this.oversizeBytes = oversizeBytes;
    }

    public List<String> flags(String text) {
        List<String> out = new ArrayList<>();
        if (text.codePoints().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
                || (c >= 0x80 && c < 0xa0) || c == 0x202e || c == 0x200b || c == 0x2066 || c == 0x2067)) {
            out.add(CONTROL);
        }
        if (ROLE.matcher(text).find()) {
            out.add(ROLE_MARKER);
        }
        if (OVERRIDE_TEXT.matcher(text.toLowerCase(Locale.ROOT)).find()) {
            out.add(OVERRIDE);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > oversizeBytes) {
            out.add(OVERSIZE);
        }
        return out;
    }
}
