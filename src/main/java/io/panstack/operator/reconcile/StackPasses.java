package io.panstack.operator.reconcile;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.panstack.operator.api.v1alpha1.HibernationStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.aws.AwsServicesFactory;
import io.panstack.operator.backup.RepositoryRestore;
import io.panstack.operator.backup.UpgradeGate;
import io.panstack.operator.cloud.AwsPolling;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.database.DatabaseReadiness;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Problem;

/**
 * Builds the {@link Pass} of one reconcile, in this order: {@link SpecValidator} (what the schema cannot check);
 * {@link PersistentData} (claims and credentials, never deleted); {@link AwsPass} (RDS, EFS, S3 and what hangs on
 * them); then database readiness, once, and {@link UpgradeGate} and {@link RepositoryRestore}, which may hold the
 * release or the repository back. The first problem stops everything after it.
 */
final class StackPasses {
    private final SpecValidator validator;
    private final PersistentData data;
    private final AwsPolling polling;
    private final AwsPass awsPass;
    private final Clock clock;

    StackPasses(Duration recheck, AwsServicesFactory aws, AwsPolling polling, Clock clock) {
        SecureRandom random = new SecureRandom();
        this.validator = new SpecValidator(recheck);
        this.data = new PersistentData(random);
        this.polling = polling;
        this.awsPass = new AwsPass(aws, polling, random, clock);
        this.clock = clock;
    }

    /** Deletes a backup from a stack's bucket, as its PanStackBackup asks. */
    void deleteBackup(Stack stack, String bucket, String key) {
        awsPass.deleteBackup(stack, bucket, key);
    }

    /** Validates, then the data objects, then AWS; the first problem stops everything that follows. */
    Found find(Stack stack, Context<PanStack> context) {
        Problem problem = validator.validate(stack, context);
        if (problem == null) {
            problem = data.reconcile(stack, context);
        }
        if (problem == null && stack.spec().usesAws()) {
            problem = polling.stillRejected(stack.resource(), clock.instant());
        }
        if (problem != null || !stack.spec().usesAws()) {
            return new Found(problem, stack, null);
        }
        if (!stack.resource().hasFinalizer(context.getControllerConfiguration().getFinalizerName())) {
            // JOSDK adds the finalizer before the first reconcile; this keeps every AWS create behind it regardless.
            return new Found(null, stack, null);
        }
        return awsPass.run(stack, context);
    }

    /**
     * The pass of a stack that can be carried out: its database readiness once, then the upgrade gate (which may
     * hold the release back) and the restore (which may hold the repository back), in that order.
     */
    static Pass carryOut(Found found, Context<PanStack> context) {
        boolean databaseReady = DatabaseReadiness.isReady(found.stack(), found.cloud(), context);
        Stack stack = found.stack();
        if (stack.sleep().state() == HibernationStatus.State.Waking && databaseReady) {
            stack = stack.withSleep(stack.sleep().woken()); // the database is back: Pi may start
        }
        UpgradeGate.Decision upgrade = UpgradeGate.decide(stack, context, found.cloud());
        RepositoryRestore.Outcome restore = RepositoryRestore.reconcile(upgrade.stack(), databaseReady, found.cloud(),
                context);
        return new Pass(upgrade.stack(), found.cloud(), databaseReady, restore.hold() != null,
                restore.restoredAt(), restore.hold() != null ? restore.hold() : upgrade.hold(), false);
    }

    /** The pass of a stack that is only observed (stalled, or the reconcile failed before its pass was recorded). */
    static Pass observedOnly(Stack stack, CloudState cloud, Context<PanStack> context) {
        return new Pass(stack, cloud, DatabaseReadiness.isReady(stack, cloud, context), false,
                RepositoryRestore.recordedAt(stack), null, false);
    }

    void forget(PanStack resource) {
        awsPass.forget(resource);
    }
}
