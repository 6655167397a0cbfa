package io.panstack.operator.backup;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.pass.PassCondition;
import io.panstack.operator.pass.PassDependent;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.stack.StackNames;

/** The scheduled logical backup; only while spec.backup is set. It holds no data: the backups live elsewhere. */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends PassDependent<CronJob> {

    public BackupCronJobDependent() {
        super(CronJob.class, pass -> BackupJobs.cronJob(pass.stack(), Backups.target(pass.cloud())));
    }

    /** Found by name, without building the desired object, which needs spec.backup (gone when it is to be deleted). */
    @Override
    protected ResourceID targetSecondaryResourceID(PanStack primary, Context<PanStack> context) {
        return new ResourceID(new StackNames(primary.getMetadata().getName()).backup(), primary.getMetadata().getNamespace());
    }

    public static class Wanted extends PassCondition {
        public Wanted() {
            super(stack -> stack.spec().backsUp());
        }
    }
}
