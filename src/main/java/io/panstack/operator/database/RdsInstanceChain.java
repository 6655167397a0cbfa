package io.panstack.operator.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.aws.rds.DatabaseInstances.DbInstance;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;

/**
 * Which RDS instance holds the stack's repository. It starts as the instance named after the stack; a PanStackRestore
 * to a snapshot or a point in time moves it to a new instance and tags the one it replaced with
 * {@value AwsTags#REPLACED_BY}. The current one is recorded in status.database.instanceId; the tags find it again
 * when status was lost. An instance named by status or by a tag that is gone is never replaced by an empty one.
 */
public final class RdsInstanceChain {
    /** More restores than this in one chain is not what the operator made: stop following. */
    static final int MAX_HOPS = 50;

    private RdsInstanceChain() {
    }

    /**
     * @param identifier the current instance's identifier
     * @param instance   the current instance, empty when it does not exist
     * @param firstOwn   whether it is the stack's first instance (named after the stack), the only one ever created
     *                   empty
     * @param replaced   the instances it replaced that the chain went through (kept with their data)
     */
    public record Current(String identifier, Optional<DbInstance> instance, boolean firstOwn, List<String> replaced) {
    }

    public static Current resolve(Stack stack, DatabaseInstances rds) {
        String first = RdsDatabase.firstIdentifier(stack);
        if (stack.spec().getDatabase().getRds().adopts()) {
            return new Current(first, rds.findInstance(first), false, List.of());
        }
        Optional<String> recorded = recorded(stack);
        String id = recorded.orElse(first);
        Optional<DbInstance> found = rds.findInstance(id);
        if (found.isEmpty() && recorded.isEmpty()) {
            Optional<String> moved = movedTo(stack, rds);
            if (moved.isPresent()) {
                Current resumed = resolveFrom(stack, rds, moved.get(), rds.findInstance(moved.get()));
                return new Current(resumed.identifier(), resumed.instance(), false, resumed.replaced());
            }
        }
        return resolveFrom(stack, rds, id, found);
    }

    private static Current resolveFrom(Stack stack, DatabaseInstances rds, String start, Optional<DbInstance> at) {
        String first = RdsDatabase.firstIdentifier(stack);
        String id = start;
        Optional<DbInstance> found = at;
        List<String> replaced = new ArrayList<>();
        for (int hop = 0; hop < MAX_HOPS && found.isPresent(); hop++) {
            DbInstance instance = found.get();
            String next = instance.tags().get(AwsTags.REPLACED_BY);
            if (next == null || !AwsTags.ownedBy(instance.tags(), stack)) {
                break;
            }
            replaced.add(id);
            id = next;
            found = rds.findInstance(id);
        }
        return new Current(id, found, id.equals(first), List.copyOf(replaced));
    }

    /**
     * The current instance, if it exists, and the instances before it that still do: those the chain went through,
     * and those its {@value AwsTags#REPLACES} tags name (this stack's only). Current first.
     */
    public static List<DbInstance> lineage(Stack stack, DatabaseInstances rds, Current current) {
        java.util.Map<String, DbInstance> found = new java.util.LinkedHashMap<>();
        current.instance().ifPresent(instance -> found.put(instance.identifier(), instance));
        if (stack.spec().getDatabase().getRds().adopts()) {
            return List.copyOf(found.values()); // restores never move an adopted stack: nothing before it is its
        }
        Optional<DbInstance> before = current.instance();
        for (int hop = 0; hop < MAX_HOPS && before.isPresent(); hop++) {
            String previous = before.get().tags().get(AwsTags.REPLACES);
            if (previous == null || !AwsTags.ownedBy(before.get().tags(), stack) || found.containsKey(previous)) {
                break;
            }
            before = rds.findInstance(previous);
            before.ifPresent(instance -> found.put(instance.identifier(), instance));
        }
        for (String id : current.replaced()) {
            if (!found.containsKey(id)) {
                rds.findInstance(id).ifPresent(instance -> found.put(id, instance));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Where the stack's parameter group says a restore moved it (its tag {@value AwsTags#CURRENT_INSTANCE}), when the
     * group is this very PanStack's: a group kept from an earlier PanStack of the name says nothing about this one.
     */
    private static Optional<String> movedTo(Stack stack, DatabaseInstances rds) {
        return rds.findParameterGroup(AwsNames.rdsIdentifier(stack)).map(group -> rds.tagsOf(group.arn()))
                .filter(tags -> AwsTags.ownedBy(tags, stack)).map(tags -> tags.get(AwsTags.CURRENT_INSTANCE));
    }

    /** The instance status names (only ever written by the operator; its uid tag is checked all the same). */
    static Optional<String> recorded(Stack stack) {
        var status = stack.resource().getStatus();
        DatabaseStatus database = status == null ? null : status.getDatabase();
        return Optional.ofNullable(database == null ? null : database.getInstanceId());
    }
}
