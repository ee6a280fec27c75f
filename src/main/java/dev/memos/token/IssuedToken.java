package dev.memos.token;

/** A freshly issued token: the compact string to hand to the skill, and its decoded claims. */
public record IssuedToken(String compact, CitToken claims) {
    @Override
    public String toString() {
        return "IssuedToken[" + claims + "]";
    }
}
