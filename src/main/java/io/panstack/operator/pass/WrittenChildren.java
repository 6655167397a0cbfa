package io.panstack.operator.pass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.stack.StackLabels;

/**
 * Tells when the workflow of stateless children would write nothing, so that a reconcile need not build them again:
 * the pass is the one they were last built from, and every child in the caches is as that workflow left it (the
 * same objects, at the generation and desired-state stamp it left; none gone, none added). A child's status is no
 * change: the builders read the pass and, for a few fields, the children's specs, never their status. So a
 * Deployment becoming ready costs a reconcile its status, not ~22 children built, written out and fingerprinted.
 * <p>
 * The pass is compared by a fingerprint of its JSON without the stack's status and resource version: the builders
 * read what status records only through the pass's own fields (the database endpoint, the sleep, restoredAt), which
 * are in it (WrittenChildrenTest builds every child under two statuses). A pass with AWS state is never the same.
 */
public final class WrittenChildren {

    private final List<Class<? extends HasMetadata>> kinds;
    /** By the stack's uid: what its last workflow was built from and left. */
    private final Map<String, Left> left = new ConcurrentHashMap<>();

    private record Left(CharFingerprint.Print pass, CharFingerprint.Print children) {
    }

    /** @param kinds the kinds of the workflow's children; none: the workflow always runs */
    public WrittenChildren(List<Class<? extends HasMetadata>> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** Leaves out what changes with every write of the stack but feeds no builder. */
    @JsonIgnoreProperties({ "resourceVersion", "managedFields" })
    private abstract static class WithoutVersion {
    }

    @JsonIgnoreProperties({ "status" })
    private abstract static class WithoutStatus {
    }

    /** Made at the first reconcile, not while the operator starts (where the instance is made). */
    private static final class PassJson {
        static final ObjectWriter WRITER = passWriter();
    }

    private static ObjectWriter passWriter() {
        ObjectMapper mapper = DesiredStamp.configuredByFabric8(new ObjectMapper());
        mapper.addMixIn(ObjectMeta.class, WithoutVersion.class);
        mapper.addMixIn(PanStack.class, WithoutStatus.class);
        return mapper.writer();
    }

    /** The fingerprint of what the builders read of this pass; empty when it cannot be written out. */
    public static Optional<CharFingerprint.Print> of(Pass pass) {
        if (pass.cloud() != null) {
            return Optional.empty();
        }
        try {
            CharFingerprint fingerprint = new CharFingerprint();
            PassJson.WRITER.writeValue(fingerprint, pass);
            return Optional.of(fingerprint.print());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The workflow's children in the caches: which objects, at which generation and stamp, under which component
     * label (the bulk dependents key their children by it).
     */
    public CharFingerprint.Print children(Context<PanStack> context) {
        List<String> children = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : kinds) {
            for (HasMetadata child : context.getSecondaryResources(kind)) {
                Map<String, String> annotations = child.getMetadata().getAnnotations();
                Map<String, String> labels = child.getMetadata().getLabels();
                children.add(kind.getSimpleName() + "/" + child.getMetadata().getName() + "/"
                        + child.getMetadata().getUid() + "/" + child.getMetadata().getGeneration() + "/"
                        + (annotations == null ? null : annotations.get(DesiredStamp.ANNOTATION)) + "/"
                        + (labels == null ? null : labels.get(StackLabels.COMPONENT)));
            }
        }
        children.sort(null);
        return CharFingerprint.of(children);
    }

    /**
     * Whether the workflow would write nothing: built from this pass last time, and its children as it left them.
     * The stack is forgotten until the workflow has run again (so a failure runs it in full next time).
     */
    public boolean nothingToWrite(PanStack stack, Optional<CharFingerprint.Print> pass,
            CharFingerprint.Print children) {
        String uid = stack.getMetadata().getUid();
        Left last = uid == null ? null : left.remove(uid);
        if (kinds.isEmpty() || last == null || pass.isEmpty() || !last.pass().equals(pass.get())
                || !last.children().equals(children)) {
            return false;
        }
        left.put(uid, last);
        return true;
    }

    /**
     * The workflow ran from this pass. Remembered only when it found its children as they were before it and left them
     * so: after a write, or a change someone made while it ran (a dependent may have read the child before it), the
     * next reconcile runs it again and looks.
     *
     * @param before the children before it ran ({@link #children})
     * @param after  the children right after it
     */
    public void ran(PanStack stack, Optional<CharFingerprint.Print> pass, CharFingerprint.Print before,
            CharFingerprint.Print after) {
        String uid = stack.getMetadata().getUid();
        if (uid != null && pass.isPresent() && before.equals(after)) {
            left.put(uid, new Left(pass.get(), after));
        }
    }

    public void forget(PanStack stack) {
        if (stack.getMetadata().getUid() != null) {
            left.remove(stack.getMetadata().getUid());
        }
    }
}
