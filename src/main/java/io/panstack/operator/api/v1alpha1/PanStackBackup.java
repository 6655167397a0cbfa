package io.panstack.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One logical backup of one PanStack of the same namespace: create one to take a backup now; the operator makes one
 * for every backup it takes itself (scheduled, panstack.io/backup-now, before an upgrade). Deleting the object never
 * deletes the backup it describes.
 */
@Group(PanStack.GROUP)
@Version(PanStack.VERSION)
@Kind("PanStackBackup")
@Plural("panstackbackups")
@Singular("panstackbackup")
@ShortNames("panbackup")
@AdditionalPrinterColumn(name = "Stack", jsonPath = ".spec.stack")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Origin", jsonPath = ".status.origin")
@AdditionalPrinterColumn(name = "Completed", jsonPath = ".status.completionTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.sizeBytes", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Location", jsonPath = ".status.location", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@ValidationRule(value = "has(self.spec)", message = "spec is required: set spec.stack")
// Its name is a label value on the backup Job it starts.
@ValidationRule(value = "size(self.metadata.name) <= 63",
    message = "metadata.name must be at most 63 characters: it labels the backup Job")
public class PanStackBackup extends CustomResource<PanStackBackupSpec, PanStackBackupStatus> implements Namespaced {
}
