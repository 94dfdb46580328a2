package dev.keel.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random command lines over a small key space, valid and invalid, for the differential test.
 * Expiry times are absolute and either long past or far in the future, so that two servers
 * answering a few microseconds apart still answer alike. DBSIZE is left out: it counts expired
 * keys not yet reclaimed, which depends on when each server's active expiry runs.
 */
final class CommandGrammar {
    /** A fixed instant far in the future (2100-01-01), in milliseconds. */
    private static final long FUTURE_MILLIS = 4_102_444_800_000L;

    private final Random random;
    private final int keys;

    CommandGrammar(Random random, int keys) {
        this.random = random;
        this.keys = keys;
    }

    private String key() {
        return "k" + random.nextInt(keys);
    }

    private String value() {
        return switch (random.nextInt(9)) {
            case 0 -> Integer.toString(random.nextInt(100) - 50);
            case 1 -> Long.toString(Long.MAX_VALUE - random.nextInt(3));
            case 2 -> Long.toString(Long.MIN_VALUE + random.nextInt(3));
            case 3 -> "";
            case 4 -> random.nextInt(10) + "." + random.nextInt(100);
            case 5 -> "x".repeat(random.nextInt(60));
            case 6 -> "01";
            case 7 -> "1e3";
            default -> "v" + random.nextInt(1000);
        };
    }

    private String number() {
        return switch (random.nextInt(8)) {
            case 0 -> "abc";
            case 1 -> "-" + random.nextInt(20);
            case 2 -> "9223372036854775807";
            case 3 -> "-9223372036854775808";
            case 4 -> "1.5";
            default -> Integer.toString(random.nextInt(20));
        };
    }

    /**
     * A relative expiry: long enough never to elapse during a test, or one that is refused or
     * expires at once; never a few milliseconds, which would make the answer depend on timing.
     */
    private String relativeAmount() {
        String[] choices = {"100000", "100000", "100000", "abc", "-5", "0", "1.5", "9223372036854775807", "-9223372036854775808"};
        return choices[random.nextInt(choices.length)];
    }

    private String floatText() {
        String[] choices = {"0.1", "-0.1", "1.5", "1e10", "-3", "abc", "inf", "-inf", "0x10", "5.0e3", " 1", "1 ", "", "nan", "1e-20"};
        return choices[random.nextInt(choices.length)];
    }

    private String expireAt(boolean millis) {
        long when = random.nextInt(4) == 0 ? 1_000 + random.nextInt(1_000) : FUTURE_MILLIS + random.nextInt(100_000) * 1_000L;
        return Long.toString(millis ? when : when / 1000);
    }

    /** Returns one random command line. */
    List<String> next() {
        List<String> argv = new ArrayList<>();
        String k = key();
        switch (random.nextInt(36)) {
            case 0, 1 -> argv.addAll(List.of("GET", k));
            case 2, 3 -> {
                argv.addAll(List.of("SET", k, value()));
                String[] options = {"NX", "XX", "GET", "KEEPTTL", "EX", "PX", "EXAT", "PXAT", "BOGUS"};
                int count = random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    String option = options[random.nextInt(options.length)];
                    argv.add(option);
                    switch (option) {
                        case "EX", "PX" -> argv.add(relativeAmount());
                        case "EXAT" -> argv.add(expireAt(false));
                        case "PXAT" -> argv.add(expireAt(true));
                        default -> { }
                    }
                }
            }
            case 4 -> argv.addAll(List.of("SETNX", k, value()));
            case 5 -> argv.addAll(List.of(random.nextBoolean() ? "SETEX" : "PSETEX", k, relativeAmount(), value()));
            case 6 -> argv.addAll(List.of("GETSET", k, value()));
            case 7 -> argv.addAll(List.of("GETDEL", k));
            case 8 -> {
                argv.addAll(List.of("GETEX", k));
                switch (random.nextInt(5)) {
                    case 0 -> argv.add("PERSIST");
                    case 1 -> argv.addAll(List.of("PXAT", expireAt(true)));
                    case 2 -> argv.addAll(List.of("EXAT", expireAt(false)));
                    case 3 -> argv.addAll(List.of("EX", relativeAmount(), "PERSIST"));
                    default -> { }
                }
            }
            case 9 -> argv.addAll(List.of("MGET", k, key(), key()));
            case 10 -> {
                argv.add(random.nextBoolean() ? "MSET" : "MSETNX");
                int pairs = 1 + random.nextInt(3);
                for (int i = 0; i < pairs; i++) {
                    argv.add(key());
                    argv.add(value());
                }
                if (random.nextInt(6) == 0) {
                    argv.add(key());
                }
            }
            case 11, 12 -> argv.addAll(List.of("INCR", k));
            case 13 -> argv.addAll(List.of("DECR", k));
            case 14 -> argv.addAll(List.of(random.nextBoolean() ? "INCRBY" : "DECRBY", k, number()));
            case 15 -> argv.addAll(List.of("INCRBYFLOAT", k, floatText()));
            case 16 -> argv.addAll(List.of("APPEND", k, value()));
            case 17 -> argv.addAll(List.of("STRLEN", k));
            case 18 -> argv.addAll(List.of("GETRANGE", k, Integer.toString(random.nextInt(30) - 15),
                    Integer.toString(random.nextInt(30) - 15)));
            case 19 -> argv.addAll(List.of("SETRANGE", k, random.nextInt(5) == 0 ? number() : Integer.toString(random.nextInt(20)), value()));
            case 20 -> argv.addAll(List.of(random.nextBoolean() ? "DEL" : "UNLINK", k, key()));
            case 21 -> argv.addAll(List.of("EXISTS", k, key(), k));
            case 22 -> argv.addAll(List.of("TYPE", k));
            case 23 -> argv.addAll(List.of("TOUCH", k, key()));
            case 24 -> {
                boolean millis = random.nextBoolean();
                argv.addAll(List.of(millis ? "PEXPIREAT" : "EXPIREAT", k, expireAt(millis)));
                String[] conditions = {"NX", "XX", "GT", "LT", "FOO"};
                int count = random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    argv.add(conditions[random.nextInt(conditions.length)]);
                }
            }
            case 25 -> argv.addAll(List.of(random.nextBoolean() ? "EXPIRETIME" : "PEXPIRETIME", k));
            case 26 -> argv.addAll(List.of("PERSIST", k));
            case 27 -> argv.addAll(List.of(random.nextBoolean() ? "RENAME" : "RENAMENX", k, key()));
            case 28 -> {
                argv.addAll(List.of("COPY", k, key()));
                if (random.nextBoolean()) {
                    argv.add("REPLACE");
                }
            }
            case 29 -> argv.addAll(List.of("KEYS", random.nextBoolean() ? "*" : "k[0-2]*"));
            case 30 -> argv.addAll(List.of("EXISTS", k));
            case 31 -> argv.addAll(List.of("OBJECT", "ENCODING", k));
            case 32 -> argv.addAll(List.of(random.nextBoolean() ? "EXPIRE" : "PEXPIRE", k, relativeAmount()));
            case 33 -> argv.addAll(List.of(random.nextBoolean() ? "GET" : "INCRBY", k, "extra", "args"));
            case 34 -> argv.addAll(List.of("NOSUCHCOMMAND", k));
            default -> argv.addAll(List.of("ECHO", value()));
        }
        return argv;
    }
}
