package dev.keel.engine.command;

import dev.keel.Reply;
import dev.keel.engine.keyspace.GlobPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CONFIG GET and CONFIG SET, with Redis 7.0's replies and error texts, over the few parameters
 * Keel lets a running store change: today only {@code notify-keyspace-events}. Everything else a
 * Redis server has is set when the store is built ({@link dev.keel.Keel.Builder}), so CONFIG GET
 * of another name answers nothing, as Redis does for a name it does not know, and CONFIG SET of
 * one answers Redis's "Unknown option" error. Other subcommands (HELP, RESETSTAT, REWRITE) answer
 * Redis's unknown-subcommand error.
 *
 * <pre>
 * As in Redis 7.0
 *   CONFIG GET name-or-pattern...   names match ignoring case, patterns are glob-style; each
 *                                   parameter is answered once, under the name as asked for
 *                                   (its own name when a pattern matched it)
 *   CONFIG SET name value ...       every name must be known and given once, or nothing is set;
 *                                   a value refused leaves every parameter as it was
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the parameters are.
 */
public final class ConfigCommand {

    /** One parameter CONFIG can read and change. */
    public interface Parameter {
        /** Returns the value as Redis writes it. */
        String get();

        /**
         * Sets the value.
         *
         * @throws IllegalArgumentException with Redis's reason if {@code value} is refused
         */
        void set(String value);
    }

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    private ConfigCommand() {
    }

    /** Adds CONFIG to {@code table} over {@code parameters}, by their lower-case names. */
    public static void register(CommandTable table, Map<String, Parameter> parameters) {
        ConfigCommand config = new ConfigCommand();
        config.parameters.putAll(parameters);
        table.add("config", -2, 0, 0, 0, 0, config::run);
    }

    private Reply run(Invocation inv) {
        byte[] sub = inv.arg(1);
        if (Arguments.is(sub, "GET")) {
            if (inv.argc() < 3) {
                throw ErrorText.arity("config|get");
            }
            return get(inv);
        }
        if (Arguments.is(sub, "SET")) {
            if (inv.argc() < 4) {
                throw ErrorText.arity("config|set");
            }
            if (inv.argc() % 2 != 0) {
                throw ErrorText.syntax();
            }
            return set(inv);
        }
        throw ErrorText.of(Arguments.oneLine("ERR unknown subcommand '" + Arguments.cString(sub) + "'. Try CONFIG HELP."));
    }

    private Reply get(Invocation inv) {
        Set<String> answered = new LinkedHashSet<>();
        List<Reply> reply = new ArrayList<>();
        for (int i = 2; i < inv.argc(); i++) {
            String asked = text(inv.arg(i));
            String lower = asked.toLowerCase(Locale.ROOT);
            boolean pattern = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0 || lower.indexOf('[') >= 0;
            GlobPattern glob = pattern ? new GlobPattern(lower.getBytes(StandardCharsets.ISO_8859_1)) : null;
            for (Map.Entry<String, Parameter> parameter : parameters.entrySet()) {
                String name = parameter.getKey();
                boolean matches = pattern ? glob.matches(name.getBytes(StandardCharsets.ISO_8859_1)) : name.equals(lower);
                if (matches && answered.add(name)) {
                    reply.add(Reply.bulk(pattern ? name : asked));
                    reply.add(Reply.bulk(parameter.getValue().get()));
                }
            }
        }
        return Reply.array(reply);
    }

    private Reply set(Invocation inv) {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> asked = new LinkedHashMap<>();
        for (int i = 2; i < inv.argc(); i += 2) {
            String name = text(inv.arg(i));
            String lower = name.toLowerCase(Locale.ROOT);
            if (!parameters.containsKey(lower)) {
                throw ErrorText.of(Arguments.oneLine("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'"));
            }
            if (changes.put(lower, text(inv.arg(i + 1))) != null) {
                throw failed(name, "duplicate parameter");
            }
            asked.put(lower, name);
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            Parameter parameter = parameters.get(change.getKey());
            String old = parameter.get();
            try {
                parameter.set(change.getValue());
            } catch (IllegalArgumentException e) {
                previous.forEach((name, value) -> parameters.get(name).set(value));
                throw failed(asked.get(change.getKey()), e.getMessage());
            }
            previous.put(change.getKey(), old);
        }
        return Reply.OK;
    }

    private static CommandException failed(String name, String reason) {
        return ErrorText.of(Arguments.oneLine("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason));
    }

    /** Reads an argument as one character per byte, so that any byte that is not a letter stays one. */
    private static String text(byte[] arg) {
        return new String(arg, StandardCharsets.ISO_8859_1);
    }
}
