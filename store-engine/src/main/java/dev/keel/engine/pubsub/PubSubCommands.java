package dev.keel.engine.pubsub;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.spi.QueuedSubscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pub/sub commands over a {@link PubSub}: PUBLISH and PUBSUB (CHANNELS, NUMSUB, NUMPAT, HELP,
 * and SHARDCHANNELS and SHARDNUMSUB, which answer as a Redis without shard channels), with
 * Redis's replies and errors. SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE and PUNSUBSCRIBE are in the
 * table so that they answer Redis's arity errors, but a command line cannot put its caller in
 * subscribed mode: with their arguments right they answer
 * {@link QueuedSubscription#SUBSCRIBED_MODE_REFUSAL}, which points
 * to {@code Store.subscribe}.
 *
 * <p>None has keys or the WRITE flag: they take no stripe lock and are not logged.
 *
 * <p><b>Thread safety:</b> handlers are safe for concurrent use.
 */
public final class PubSubCommands {

    private PubSubCommands() {
    }

    /** Adds the pub/sub commands over {@code pubSub} to {@code table}. */
    public static void register(CommandTable table, PubSub pubSub) {
        table.add("publish", 3, 0, 0, 0, 0, inv -> publish(inv, pubSub))
                .add("pubsub", -2, 0, 0, 0, 0, inv -> pubsub(inv, pubSub))
                .add("subscribe", -2, 0, 0, 0, 0, inv -> refuse("subscribe"))
                .add("psubscribe", -2, 0, 0, 0, 0, inv -> refuse("psubscribe"))
                .add("unsubscribe", -1, 0, 0, 0, 0, inv -> refuse("unsubscribe"))
                .add("punsubscribe", -1, 0, 0, 0, 0, inv -> refuse("punsubscribe"));
    }

    private static Reply refuse(String name) {
        throw ErrorText.of(String.format(QueuedSubscription.SUBSCRIBED_MODE_REFUSAL, name));
    }

    /**
     * PUBLISH channel message. The message goes out when the command's effects are final: at once,
     * or inside a transaction when it commits (never if it rolls back). The count is of the
     * receivers it went to, or, when deferred, of those there are now.
     */
    private static Reply publish(Invocation inv, PubSub pubSub) {
        byte[] channel = inv.arg(1);
        byte[] message = inv.arg(2);
        long[] delivered = {-1};
        inv.onCommit(() -> delivered[0] = pubSub.publish(channel, message));
        return Reply.integer(delivered[0] >= 0 ? delivered[0] : pubSub.receivers(channel));
    }

    private static Reply pubsub(Invocation inv, PubSub pubSub) {
        byte[] sub = inv.arg(1);
        int argc = inv.argc();
        if (Arguments.is(sub, "CHANNELS") || Arguments.is(sub, "SHARDCHANNELS")) {
            if (argc > 3) {
                throw ErrorText.of(Arguments.oneLine("ERR unknown subcommand or wrong number of arguments for '"
                        + quoted(sub) + "'. Try PUBSUB HELP."));
            }
            if (Arguments.is(sub, "SHARDCHANNELS")) {
                return Reply.array(List.of());
            }
            return bulks(pubSub.channels(argc == 3 ? inv.arg(2) : null));
        }
        if (Arguments.is(sub, "NUMSUB") || Arguments.is(sub, "SHARDNUMSUB")) {
            boolean shard = Arguments.is(sub, "SHARDNUMSUB");
            List<Reply> counts = new ArrayList<>(2 * (argc - 2));
            for (int i = 2; i < argc; i++) {
                counts.add(new Reply.Bulk(inv.arg(i)));
                counts.add(Reply.integer(shard ? 0 : pubSub.subscribers(inv.arg(i))));
            }
            return Reply.array(counts);
        }
        if (Arguments.is(sub, "NUMPAT")) {
            if (argc != 2) {
                throw ErrorText.arity("pubsub|numpat");
            }
            return Reply.integer(pubSub.patternCount());
        }
        if (Arguments.is(sub, "HELP")) {
            if (argc != 2) {
                throw ErrorText.arity("pubsub|help");
            }
            return help();
        }
        throw ErrorText.of(Arguments.oneLine("ERR unknown subcommand '" + quoted(sub) + "'. Try PUBSUB HELP."));
    }

    /** The subcommand as Redis quotes it ({@code %.128s}). */
    private static String quoted(byte[] sub) {
        return new String(sub, 0, Arguments.printedLength(sub, 128), StandardCharsets.UTF_8);
    }

    private static Reply bulks(List<byte[]> items) {
        List<Reply> replies = new ArrayList<>(items.size());
        for (byte[] item : items) {
            replies.add(new Reply.Bulk(item));
        }
        return Reply.array(replies);
    }

    private static Reply help() {
        return Reply.array(List.of(
                line("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                line("CHANNELS [<pattern>]"),
                line("    Return the currently active channels matching a <pattern> (default: '*')."),
                line("NUMPAT"),
                line("    Return number of subscriptions to patterns."),
                line("NUMSUB [<channel> ...]"),
                line("    Return the number of subscribers for the specified channels, excluding"),
                line("    pattern subscriptions(default: no channels)."),
                line("SHARDCHANNELS [<pattern>]"),
                line("    Return the currently active shard level channels matching a <pattern> (default: '*')."),
                line("SHARDNUMSUB [<shardchannel> ...]"),
                line("    Return the number of subscribers for the specified shard level channel(s)"),
                line("HELP"),
                line("    Prints this help.")));
    }

    /** One line of a HELP reply: Redis sends them as status replies. */
    private static Reply line(String text) {
        return new Reply.Status(text);
    }
}
