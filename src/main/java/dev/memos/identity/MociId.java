package dev.memos.identity;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * A MOCI identity id, {@code CW-NAME.SUFFIX-CC}: NAME 2–12 of A–Z/0–9 chosen by the user, SUFFIX six
 * symbols of {@link #SUFFIX_ALPHABET} from a CSPRNG (30 bits), CC the {@link Crc8} of
 * {@code NAME.SUFFIX} as two upper-case hex digits. Values of this type are always valid.
 */
public final class MociId implements Comparable<MociId> {
    public static final String PREFIX = "CW-";
    /** Crockford's base-32 alphabet: digits and upper-case letters without I, L, O and U (look-alikes). */
    public static final String SUFFIX_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int NAME_MIN = 2;
    public static final int NAME_MAX = 12;
    public static final int SUFFIX_LENGTH = 6;

    private final String name;
    private final String suffix;
    private final String text;

    private MociId(String name, String suffix) {
        this.name = name;
        this.suffix = suffix;
        this.text = PREFIX + name + "." + suffix + "-" + checksumOf(name, suffix);
    }

    /** Parses a valid id or throws {@link IllegalArgumentException} with the reason (never the right checksum). */
    public static MociId parse(String text) {
        IdValidation v = IdValidation.check(text);
        if (!v.valid()) {
            throw new IllegalArgumentException(v.message());
        }
        int dot = text.indexOf('.');
        return new MociId(text.substring(PREFIX.length(), dot), text.substring(dot + 1, dot + 1 + SUFFIX_LENGTH));
    }

    /** A fresh id for a valid name (normalised to upper case) with a random suffix. */
    public static MociId generate(String name, SecureRandom random) {
        String n = normaliseName(name);
        StringBuilder s = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            s.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return new MociId(n, s.toString());
    }

    /** Builds the id of a given name and suffix (vectors, tests); both must be well-formed. */
    public static MociId of(String name, String suffix) {
        return parse(PREFIX + name + "." + suffix + "-" + checksumOf(name, suffix));
    }

    /** Upper-cases and checks a user-chosen name; throws IllegalArgumentException saying what is wrong. */
    public static String normaliseName(String name) {
        String n = Objects.requireNonNull(name).strip().toUpperCase(Locale.ROOT);
        String problem = IdValidation.nameProblem(n);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return n;
    }

    static String checksumOf(String name, String suffix) {
        return String.format(Locale.ROOT, "%02X", Crc8.of(name + "." + suffix));
    }

    public String name() {
        return name;
    }

    public String suffix() {
        return suffix;
    }

    public String checksum() {
        return text.substring(text.length() - 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MociId other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public int compareTo(MociId o) {
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
