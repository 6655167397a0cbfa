package io.panstack.operator.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.EfsFilesSpec;
import io.panstack.operator.aws.efs.FileSystemBackups;
import io.panstack.operator.aws.efs.FileSystems.AccessPoint;
import io.panstack.operator.aws.efs.FileSystems.FileSystem;
import io.panstack.operator.aws.efs.FileSystems.MountTarget;
import io.panstack.operator.aws.efs.FileSystems;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.EfsState;
import io.panstack.operator.cloud.Idempotent;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.cloud.ResourceState;
import io.panstack.operator.cloud.Tenancy;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;

/**
 * The shared files on EFS: file system (found by creation token, or adopted by id), automatic backups, a mount
 * target per subnet and an access point for the Pi files. Mount targets of subnets removed from the spec are kept:
 * only {@link #release} deletes, and only under deletionPolicy Delete.
 */
public final class EfsFiles {
    static final String AVAILABLE = "available";

    private EfsFiles() {
    }


    public static Optional<FileSystem> find(Stack stack, FileSystems efs) {
        EfsFilesSpec spec = stack.spec().getFiles().getEfs();
        return spec.adopts() ? efs.findById(spec.getFileSystemId())
                : efs.findByCreationToken(AwsNames.efsCreationToken(stack));
    }

    public static EfsState reconcile(Stack stack, FileSystems efs, FileSystemBackups backups) {
        EfsFilesSpec spec = stack.spec().getFiles().getEfs();
        FileSystem fs = find(stack, efs).orElseGet(() -> create(stack, efs));
        if (spec.adopts()) {
            Tenancy.check("EFS file system " + fs.id(), fs.tags(), stack);
        }
        Map<String, String> missingTags = AwsTags.missing(fs.tags(), stack);
        if (!missingTags.isEmpty()) {
            efs.tagging().add(fs.id(), missingTags);
        }
        if (!AVAILABLE.equals(fs.lifeCycleState())) {
            return new EfsState(fs.id(), null, null, null, new ResourceState(false, true, "EfsCreating",
                    "EFS file system " + fs.id() + " is " + fs.lifeCycleState()));
        }
        Observed<Boolean> automaticBackups = spec.adopts() ? Observed.read("the backup policy of " + fs.id(),
                () -> Optional.of(backups.automaticBackupsEnabled(fs.id()))) : automaticBackups(fs.id(), backups);
        List<String> drift = spec.adopts() ? drift(fs, automaticBackups) : List.of();
        List<MountTarget> targets = mountTargets(fs, spec, efs);
        AccessPoint accessPoint = accessPoint(stack, fs, efs);
        List<String> pending = targets.stream().filter(t -> !AVAILABLE.equals(t.lifeCycleState()))
                .map(t -> "mount target in " + t.subnetId() + " is " + t.lifeCycleState())
                .collect(Collectors.toList());
        if (!AVAILABLE.equals(accessPoint.lifeCycleState())) {
            pending.add("access point " + accessPoint.id() + " is " + accessPoint.lifeCycleState());
        }
        if (targets.isEmpty()) {
            pending.add("it has no mount target: list subnets in spec.files.efs.subnetIds");
        }
        boolean ready = pending.isEmpty();
        String message = "EFS file system " + fs.id() + " is available"
                + (ready ? " with " + targets.size() + " mount target(s) and access point " + accessPoint.id()
                        : "; " + String.join("; ", pending));
        Observed<Instant> recoveryPoint = Observed.read("the recovery points of " + fs.id(),
                () -> backups.newestRecoveryPoint(fs.arn()));
        return new EfsState(fs.id(), accessPoint.id(), automaticBackups, recoveryPoint,
                new ResourceState(ready, !ready && !targets.isEmpty(),
                ready ? "EfsAvailable" : "EfsNotAvailable", message, drift));
    }

    /** What an adopted file system lacks of what the operator gives its own: reported, not changed. */
    private static List<String> drift(FileSystem fs, Observed<Boolean> automaticBackups) {
        List<String> drift = new ArrayList<>();
        if (Boolean.FALSE.equals(automaticBackups.value())) {
            drift.add("automatic backups (AWS Backup) are off; recommended on (not changed: the file system was"
                    + " adopted)");
        }
        if (!fs.encrypted()) {
            drift.add("the file system is not encrypted at rest (EFS cannot encrypt one in place)");
        }
        return drift;
    }

    /** Turns automatic backups on if they are off; true once they are on. */
    private static Observed<Boolean> automaticBackups(String fileSystemId, FileSystemBackups backups) {
        return Observed.read("the backup policy of " + fileSystemId, () -> {
            if (!backups.automaticBackupsEnabled(fileSystemId)) {
                backups.enableAutomaticBackups(fileSystemId);
            }
            return Optional.of(true);
        });
    }

    private static FileSystem create(Stack stack, FileSystems efs) {
        EfsFilesSpec spec = stack.spec().getFiles().getEfs();
        if (spec.adopts()) {
            throw new CloudProblem("EfsFileSystemNotFound", "spec.files.efs.fileSystemId names the file system "
                    + spec.getFileSystemId() + " to adopt, but there is none in this region. Correct the id.");
        }
        refuseToReplace(stack, efs);
        String token = AwsNames.efsCreationToken(stack);
        Idempotent.create("FileSystemAlreadyExists", () -> efs.create(token, AwsTags.of(stack)));
        return efs.findByCreationToken(token)
                .orElseThrow(() -> new IllegalStateException("EFS does not list the file system with creation token "
                        + token + " it just created or reported as existing; looking again"));
    }

    /** Existing mount targets, plus new ones for subnets of the spec that have none. */
    private static List<MountTarget> mountTargets(FileSystem fs, EfsFilesSpec spec, FileSystems efs) {
        List<MountTarget> targets = efs.mountTargets(fs.id());
        Set<String> covered = targets.stream().map(MountTarget::subnetId).collect(Collectors.toSet());
        boolean created = false;
        for (String subnet : spec.getSubnetIds()) {
            if (!covered.contains(subnet)) {
                // MountTargetConflict: another target already serves that subnet's availability zone; fine.
                Idempotent.create("MountTargetConflict",
                        () -> efs.createMountTarget(fs.id(), subnet, spec.getSecurityGroupIds()));
                created = true;
            }
        }
        return created ? efs.mountTargets(fs.id()) : targets;
    }

    /** The access point rooted at the spec's directory: found by that path, else created. */
    private static AccessPoint accessPoint(Stack stack, FileSystem fs, FileSystems efs) {
        String path = stack.spec().getFiles().getEfs().getRootDirectory();
        return findAccessPoint(efs, fs.id(), path).orElseGet(() -> {
            Idempotent.create("AccessPointAlreadyExists", () ->
                    efs.createAccessPoint(fs.id(), AwsNames.accessPointToken(stack), path, AwsTags.of(stack)));
            return findAccessPoint(efs, fs.id(), path).orElseThrow(() -> new IllegalStateException(
                    "EFS does not list the access point for " + path + " on " + fs.id() + " yet; looking again"));
        });
    }

    static Optional<AccessPoint> findAccessPoint(FileSystems efs, String fileSystemId, String path) {
        return efs.accessPoints(fileSystemId).stream()
                .filter(ap -> path.equals(ap.path()) && !"deleting".equals(ap.lifeCycleState())
                        && !"deleted".equals(ap.lifeCycleState()))
                .findFirst();
    }

    /**
     * The finalizer's step for the file system: Retain and Snapshot untag it; Delete removes its access points and
     * mount targets, then the file system once they are gone.
     */
    public static void release(Stack stack, FileSystems efs, DeletionPolicy policy, Release release) {
        Optional<FileSystem> found = find(stack, efs);
        if (found.isEmpty() || !Tenancy.mayRelease(found.get().tags(), stack)) {
            return; // another namespace's or PanStack's file system, adopted by id: never touched
        }
        FileSystem fs = found.get();
        if (policy != DeletionPolicy.Delete) {
            efs.tagging().remove(fs.id(), AwsTags.OWNERSHIP);
            release.keep("EFS file system " + fs.id());
            return;
        }
        release.waitFor("EFS file system " + fs.id() + " (" + fs.lifeCycleState() + ")");
        if ("deleting".equals(fs.lifeCycleState())) {
            return;
        }
        efs.accessPoints(fs.id()).forEach(ap -> efs.deleteAccessPoint(ap.id()));
        List<MountTarget> targets = efs.mountTargets(fs.id());
        if (!targets.isEmpty()) {
            targets.stream().filter(t -> !"deleting".equals(t.lifeCycleState()))
                    .forEach(t -> efs.deleteMountTarget(t.id()));
            return; // the file system can go once its mount targets are gone
        }
        Idempotent.deleteUnlessBusy(List.of("FileSystemInUse"), () -> efs.delete(fs.id()));
    }

    /**
     * A PanStack whose file system is not there yet may be one rebuilt from Git (a new uid, the same namespace and
     * name) while the stack's files are still in AWS: a new, empty file system would hide them. It stalls instead,
     * naming what it found. Read only on the way to a create.
     */
    private static void refuseToReplace(Stack stack, FileSystems efs) {
        List<String> earlier = efs.all().stream().filter(fs -> AwsTags.ofEarlierStack(fs.tags(), stack))
                .map(FileSystem::id).toList();
        if (!earlier.isEmpty()) {
            throw new CloudProblem("EarlierFilesFound", "EFS file system " + String.join(", ", earlier) + " holds the"
                    + " files of an earlier PanStack " + stack.namespace() + "/" + stack.name() + "; no new, empty one is"
                    + " created. To use it, remove its tags " + AwsTags.MANAGED_BY + " and " + AwsTags.UID + " (if set)"
                    + " and create this PanStack again with spec.files.efs.fileSystemId: " + earlier.get(0) + ". To start"
                    + " with new, empty files, delete it or remove its " + AwsTags.NAME + " tag.");
        }
    }
}
