package io.panstack.operator.pass;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Decides whether a child needs writing, so it is written when its desired state changed and not on every event.
 * Each desired child carries a hash of itself in {@link #ANNOTATION}; a child in the cluster that carries the same
 * hash was written from the same desired state and is left alone. Comparing the whole object instead (JOSDK's
 * server-side-apply matcher) takes what the API server adds or drops (defaults, empty values) for a change, and
 * rewrote the StatefulSet and two Deployments of every stack on every event and after every restart; it also needs
 * every object's managedFields in memory, which the informers no longer keep (see TrimmedItemStore).
 * <p>
 * Someone else's change to a child's spec (kubectl edit, another controller) is still put back: it moves the
 * child's metadata.generation past the one the operator's own write left (or the one it first saw after a start),
 * and the child is applied again. Kinds without a generation (Services, ServiceAccounts), and changes made while no
 * operator ran, are put back at the stack's next change, or once the annotation is removed.
 */
public final class DesiredStamp {
    public static final String ANNOTATION = "panstack.io/desired-hash";
    /**
     * Writes the JSON a client sends (fabric8's configuration, KubernetesSerialization; fabric8 7 configures the
     * mapper it is given in place). DesiredStampTest checks that the stamps are the ones earlier versions wrote.
     */
    private static final ObjectWriter JSON = configuredByFabric8(new ObjectMapper()).writer();

    static ObjectMapper configuredByFabric8(ObjectMapper mapper) {
        new KubernetesSerialization(mapper, true);
        return mapper;
    }

    /**
     * The generation each child had right after the operator wrote it (or when the operator first saw it after a
     * start), with its owner's uid. Shared by every dependent; a stack's entries go with its finalizer.
     */
    private static final Map<String, Written> WRITTEN = new ConcurrentHashMap<>();

    private record Written(long generation, String ownerUid) {
    }

    private DesiredStamp() {
    }

    /**
     * The stamp each child of a stack was last given, by the stack's uid, then the child's kind and name, with the
     * fingerprint of the JSON it was computed from. Every reconcile builds every child again, nearly always the
     * same: the fingerprint costs a fraction of the hash, which is computed only when the JSON changed. A stack's
     * entries go with its finalizer. The fingerprint is not cryptographic: JSON crafted to collide with the last one
     * would keep a change of that stack, and only of that stack, from being applied, which its author could have
     * done by not making it.
     */
    private static final Map<String, Map<String, Remembered>> STAMPS = new ConcurrentHashMap<>();

    private record Remembered(CharFingerprint.Print print, String stamp) {
    }

    /** How many hashes were computed: what remembering saves, for the tests. */
    private static final AtomicLong HASHES = new AtomicLong();

    static long hashesComputed() {
        return HASHES.get();
    }

    /** The desired child, annotated with the hash of its content. */
    public static <R extends HasMetadata> R stamp(R desired) {
        return stamp(desired, null);
    }

    /**
     * The desired child of this stack, annotated with the hash of its content; the same as {@link #stamp(HasMetadata)},
     * remembered for the stack's next reconcile.
     */
    public static <R extends HasMetadata> R stamp(R desired, HasMetadata stack) {
        Map<String, String> annotations = desired.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(desired.getMetadata().getAnnotations());
        annotations.remove(ANNOTATION);
        desired.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
        String stackUid = stack == null ? null : stack.getMetadata().getUid();
        String hash = stackUid == null ? hash(desired) : remembered(stackUid, desired);
        annotations.put(ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
        return desired;
    }

    /** The hash of the child's JSON: the one computed last time, if the JSON has the same fingerprint. */
    private static String remembered(String stackUid, HasMetadata desired) {
        Map<String, Remembered> children = STAMPS.computeIfAbsent(stackUid, uid -> new ConcurrentHashMap<>());
        String child = desired.getKind() + "/" + desired.getMetadata().getName();
        Remembered last = children.get(child);
        CharFingerprint.Print print = null;
        if (last != null) {
            print = fingerprint(desired);
            if (last.print().equals(print)) {
                return last.stamp();
            }
        }
        // First sight (after a start, every child): the JSON is written once, for the hash and the fingerprint.
        CharFingerprint fingerprint = print == null ? new CharFingerprint() : null;
        String hash = hash(desired, fingerprint);
        children.put(child, new Remembered(print != null ? print : fingerprint.print(), hash));
        return hash;
    }

    /**
     * True when the child in the cluster was written from this desired state and nobody changed its spec since;
     * false means "apply it".
     */
    public static boolean unchanged(HasMetadata actual, HasMetadata desired) {
        String wanted = annotation(desired);
        if (wanted == null || !wanted.equals(annotation(actual))) {
            return false;
        }
        Long now = actual.getMetadata().getGeneration();
        if (now == null) {
            return true;
        }
        // First sight since the operator started: this generation is where changes by others count from.
        Written written = WRITTEN.computeIfAbsent(key(actual), id -> record(actual));
        // An HPA's scaling moves the generation too; the apply that follows carries its replicas (see
        // ComponentDeployments.settle). Telling it from an edit of the template made in the same update would need
        // the template, which the cache does not keep: one write per scaling, rather than an edit left in place.
        return now <= written.generation();
    }

    /** Records what the operator's own write left, so a later change by someone else shows. */
    public static <R extends HasMetadata> R written(R result) {
        if (result != null && result.getMetadata().getGeneration() != null) {
            WRITTEN.put(key(result), record(result));
        }
        return result;
    }

    /**
     * The child itself: its uid, so a PodDisruptionBudget and a Deployment of the same name, or a child deleted and
     * made again by someone else, are never taken for one another.
     */
    private static String key(HasMetadata child) {
        String uid = child.getMetadata().getUid();
        return uid != null ? uid
                : child.getKind() + "/" + child.getMetadata().getNamespace() + "/" + child.getMetadata().getName();
    }

    private static Written record(HasMetadata child) {
        String owner = child.getMetadata().getOwnerReferences() == null ? null
                : child.getMetadata().getOwnerReferences().stream().map(o -> o.getUid()).findFirst().orElse(null);
        return new Written(child.getMetadata().getGeneration(), owner);
    }

    /** Forgets the children of a stack that is going. */
    public static void forgetChildrenOf(HasMetadata stack) {
        String uid = stack.getMetadata().getUid();
        WRITTEN.values().removeIf(written -> Objects.equals(uid, written.ownerUid()));
        if (uid != null) {
            STAMPS.remove(uid);
        }
    }

    private static String annotation(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    /** The fingerprint of the JSON {@link #hash} hashes. */
    static CharFingerprint.Print fingerprint(Object content) {
        try {
            CharFingerprint fingerprint = new CharFingerprint();
            JSON.writeValue(fingerprint, content);
            return fingerprint.print();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + content.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The first 12 bytes of the SHA-256 of the object's JSON (UTF-8), in hex. The JSON goes straight into the digest,
     * not through a String first (every reconcile hashes every child). Jackson writes characters and the JDK encodes
     * them, as String.getBytes did: Jackson's own UTF-8 writer differs on characters beyond the BMP.
     */
    static String hash(Object content) {
        return hash(content, null);
    }

    /** {@link #hash(Object)}, the JSON also written to {@code alsoTo} when it is not null. */
    private static String hash(Object content, Writer alsoTo) {
        HASHES.incrementAndGet();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Writer toDigest = new OutputStreamWriter(new DigestOutputStream(OutputStream.nullOutputStream(), digest),
                    StandardCharsets.UTF_8);
            JSON.writeValue(alsoTo == null ? toDigest : new Both(toDigest, alsoTo), content);
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + content.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes what it is given to two writers. */
    private static final class Both extends Writer {
        private final Writer first;
        private final Writer second;

        Both(Writer first, Writer second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(char[] chars, int offset, int count) throws IOException {
            first.write(chars, offset, count);
            second.write(chars, offset, count);
        }

        @Override
        public void write(String text, int offset, int count) throws IOException {
            first.write(text, offset, count);
            second.write(text, offset, count);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws IOException {
            first.close();
            second.close();
        }
    }
}
