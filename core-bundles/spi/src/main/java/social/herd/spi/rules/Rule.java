package social.herd.spi.rules;

import java.util.Objects;

/**
 * One server rule as people read it.
 *
 * @param id   stable identifier, unique within its provider (reports refer to rules by id)
 * @param text the rule itself, one short sentence, plain text
 * @param hint optional longer explanation, plain text; empty when there is none
 */
public record Rule(String id, String text, String hint) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        hint = hint == null ? "" : hint;
        if (id.isBlank()) throw new IllegalArgumentException("rule id must not be blank");
        if (text.isBlank()) throw new IllegalArgumentException("rule text must not be blank");
    }
}
