package dev.keel.engine.stream;

import dev.keel.engine.command.Arguments;

/**
 * Arguments compared as Redis's stream commands compare them: as C strings, so a NUL byte ends
 * them ({@code "COUNT\0x"} is COUNT, {@code "$\0"} is {@code $}). Subcommand names are looked up
 * whole, and numbers are read whole (see {@link Arguments}).
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
final class CArguments {
    private CArguments() {
    }

    /** Returns whether {@code arg}, up to a NUL byte, is the keyword {@code keyword}, ignoring ASCII case. */
    static boolean is(byte[] arg, String keyword) {
        int length = Arguments.printedLength(arg, arg.length);
        return length == keyword.length() && Arguments.is(java.util.Arrays.copyOf(arg, length), keyword);
    }

    /** Returns whether {@code arg}, up to a NUL byte, is exactly {@code text}: the special IDs {@code *}, {@code $}, {@code >}, {@code +}, {@code ~}. */
    static boolean equals(byte[] arg, String text) {
        int length = Arguments.printedLength(arg, arg.length);
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (arg[i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
