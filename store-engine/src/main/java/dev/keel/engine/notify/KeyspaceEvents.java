package dev.keel.engine.notify;

import dev.keel.Reply;
import dev.keel.engine.command.CommandSpec;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ConfigCommand;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.command.WriteObserver;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.pubsub.PubSub;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Redis's keyspace notifications for one store: every change to a key, by a command, by time or
 * by eviction, published as pub/sub messages on {@code __keyspace@0__:<key>} (the message is the
 * event's name) and {@code __keyevent@0__:<event>} (the message is the key), for the classes the
 * {@code notify-keyspace-events} setting lets through ({@link NotifyFlags}). Off by default.
 *
 * <pre>
 * Design
 *   Commands: a WriteObserver is told of each write command that succeeded, still under its
 *   locks; WriteEvents derives its events (the names and order Redis sends) from its command
 *   line, its reply and the keyspace after it, with what Before took just before it where those
 *   cannot tell. The observer returns the publishing as a Runnable, which the dispatcher runs once
 *   the command's effects are final: at once, or at the commit of store.atomically or EXEC, and
 *   never for a rolled-back one.
 *   Time and memory: a Keyspace.ChangeListener hears of keys expired (found by a lookup, the
 *   sweep, a walk or an eviction sample), of keys evicted, and of hash fields expired; those are
 *   published at once, under the lock of the stripe where it happened, as Redis sends them when
 *   it removes the key (not when its time to live reaches zero).
 *   Messages to one channel go out in the order of the commands that made them, since a key's
 *   commands are serialized by its stripe lock and publishing happens under it.
 *
 * Cost
 *   While off (the default) nothing is registered: the dispatcher's test for an observer is the
 *   whole cost. Once turned on, the observer stays registered; each write command then costs a
 *   read of the setting and, while nobody is subscribed, of the publisher's subscriber count,
 *   before any event is derived or channel name built.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class KeyspaceEvents implements WriteObserver, Keyspace.ChangeListener, ConfigCommand.Parameter {
    private static final byte[] KEYSPACE_PREFIX = "__keyspace@0__:".getBytes(StandardCharsets.US_ASCII);

    /** Where keyspace events are published: the store's pub/sub. */
    public interface Publisher {
        /**
         * Returns whether a keyspace event may reach anyone (a pattern, or a {@code __key...}
         * channel, is subscribed to); cheap, called on every write.
         */
        boolean hasSubscribers();

        /** Publishes {@code message} to {@code channel}; neither array changes afterwards. */
        void publish(byte[] channel, byte[] message);
    }

    /** Registers this with the dispatcher and the keyspace: called once, when first turned on. */
    public interface Registration {
        /** Starts telling {@code events} of write commands and of removals by time and memory. */
        void register(KeyspaceEvents events);
    }

    private final Publisher publisher;
    private final Registration registration;
    private volatile int flags;
    private boolean registered;

    /**
     * Creates the notifications of a store, off, publishing to {@code publisher}; the first time
     * they are turned on, {@code registration} hooks them to the dispatcher and the keyspace.
     */
    public KeyspaceEvents(Publisher publisher, Registration registration) {
        this.publisher = publisher;
        this.registration = registration;
    }

    /** Creates the notifications of a store, off, publishing through {@code pubSub}; see {@link #KeyspaceEvents(Publisher, Registration)}. */
    public KeyspaceEvents(PubSub pubSub, Registration registration) {
        this(new Publisher() {
            @Override
            public boolean hasSubscribers() {
                return pubSub.mayReceiveKeyspaceEvents();
            }

            @Override
            public void publish(byte[] channel, byte[] message) {
                pubSub.publish(channel, message);
            }
        }, registration);
    }

    /** Wraps the handlers of the commands whose events need the keyspace as it was before them (see {@link Before}). */
    public void instrument(CommandTable table) {
        Before.install(table, this::active);
    }

    /** Returns whether events could be published now: some are on and someone is subscribed. */
    private boolean active() {
        return NotifyFlags.sendsAny(flags) && publisher.hasSubscribers();
    }

    // ------------------------------------------------------------------ the setting

    /** Returns the setting as Redis writes it (CONFIG GET notify-keyspace-events). */
    @Override
    public String get() {
        return NotifyFlags.format(flags);
    }

    /**
     * Sets the classes of events to send, in Redis's letters ({@link NotifyFlags}); the empty
     * string turns them off.
     *
     * @throws IllegalArgumentException if a letter is not one of Redis's
     */
    @Override
    public void set(String letters) {
        int parsed = NotifyFlags.parse(letters);
        if (parsed < 0) {
            throw new IllegalArgumentException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
        }
        synchronized (this) {
            if (parsed != 0 && !registered) {
                registration.register(this);
                registered = true;
            }
            flags = parsed;
        }
    }

    // ------------------------------------------------------------------ commands

    @Override
    public Runnable written(CommandSpec spec, Invocation invocation, Reply reply) {
        int enabled = flags;
        if (!NotifyFlags.sendsAny(enabled) || !publisher.hasSubscribers()) {
            if ((enabled & NotifyFlags.NEW) != 0) {
                Before.takeCreated();
            }
            return null;
        }
        Before before = Before.takenFor(invocation);
        List<byte[]> created = (enabled & NotifyFlags.NEW) != 0 ? Before.takeCreated() : null;
        EventList events = new EventList();
        WriteEvents.of(spec.name(), invocation, reply, before, events);
        if (created != null) {
            // Redis sends new as it adds the key: before the first event about it.
            for (byte[] key : created) {
                events.addBeforeFirstOf(Event.NEW, key);
            }
        }
        events.retainClasses(enabled);
        if (events.size() == 0) {
            return null;
        }
        return () -> {
            for (int i = 0; i < events.size(); i++) {
                publish(enabled, events.event(i), events.key(i));
            }
        };
    }

    // ------------------------------------------------------------------ keys created (n), time and memory

    @Override
    public void created(byte[] key) {
        if (notesKeys()) {
            Before.noteCreated(key);
        }
    }

    @Override
    public void removed(byte[] key) {
        if (notesKeys()) {
            Before.noteRemoved(key);
        }
    }

    /** Returns whether new-key events (n) could be sent now, so commands' creations are worth noting. */
    private boolean notesKeys() {
        int enabled = flags;
        return (enabled & NotifyFlags.NEW) != 0 && NotifyFlags.sendsAny(enabled) && publisher.hasSubscribers();
    }

    @Override
    public void expired(byte[] key) {
        send(Event.EXPIRED, key);
    }

    @Override
    public void evicted(byte[] key) {
        send(Event.EVICTED, key);
    }

    @Override
    public void fieldsExpired(byte[] key, boolean emptied) {
        send(Event.HEXPIRED, key);
        if (emptied) {
            send(Event.DEL, key);
        }
    }

    private void send(Event event, byte[] key) {
        int enabled = flags;
        if ((enabled & event.type()) != 0 && NotifyFlags.sendsAny(enabled) && publisher.hasSubscribers()) {
            publish(enabled, event, key);
        }
    }

    /** Publishes one event: to the key's keyspace channel, then to the event's keyevent channel, as enabled. */
    private void publish(int enabled, Event event, byte[] key) {
        if ((enabled & NotifyFlags.KEYSPACE) != 0) {
            byte[] channel = new byte[KEYSPACE_PREFIX.length + key.length];
            System.arraycopy(KEYSPACE_PREFIX, 0, channel, 0, KEYSPACE_PREFIX.length);
            System.arraycopy(key, 0, channel, KEYSPACE_PREFIX.length, key.length);
            publisher.publish(channel, event.nameBytes());
        }
        if ((enabled & NotifyFlags.KEYEVENT) != 0) {
            publisher.publish(event.keyeventChannel(), key);
        }
    }
}
