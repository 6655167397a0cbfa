package io.panstack.operator.backup;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.panstack.operator.backup.BackupJobs.Target;
import io.panstack.operator.pass.Pass;
import io.panstack.operator.stack.StackLabels;
import io.panstack.operator.pass.ByComponent;

/**
 * The scheduled backup (while backups are on) and the scheduled verification of the newest one (while that is on
 * too), keyed by component label; one goes when its part of the spec is switched off. They hold no data: the backups
 * live elsewhere and stay.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StackLabels.MANAGED_SELECTOR))
public class BackupCronJobs extends ByComponent<CronJob> {

    public BackupCronJobs() {
        super(CronJob.class, (pass, existing) -> of(pass));
    }

    private static Map<String, CronJob> of(Pass pass) {
        Map<String, CronJob> desired = new LinkedHashMap<>();
        if (pass.stack().spec().backsUp()) {
            Target target = Backups.target(pass.cloud());
            desired.put(BackupJobs.COMPONENT, BackupJobs.cronJob(pass.stack(), target));
            if (pass.stack().spec().getBackup().getVerify().enabled()) {
                desired.put(VerifyJobs.COMPONENT, VerifyJobs.cronJob(pass.stack(), target));
            }
        }
        return desired;
    }
}
