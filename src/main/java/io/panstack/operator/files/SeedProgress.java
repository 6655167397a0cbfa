package io.panstack.operator.files;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.SeedFromBucketSpec;
import io.panstack.operator.kube.JobOutcome;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Conditions;
import io.panstack.operator.status.Readiness;

/**
 * Where the one-time seeding of the files volume from the bucket stands, from the previous status and the seeding
 * Job. Pure. A seeding recorded in status stays recorded, whatever later happens to the spec or the Job.
 *
 * @param from what the Job seeds from, e.g. s3://bucket/{themes,images} (taken from the Job: the spec may have
 *             changed since)
 */
public record SeedProgress(Stage stage, String job, String seededAt, String from) {
    private static final String NOTE_START = ". Seeding from ";

    enum Stage {
        /** Not asked for, and never done. */
        NOT_WANTED,
        /** Asked for; the Job does not exist (yet, or again after someone deleted a failed one). */
        PENDING,
        RUNNING,
        /** The Job has succeeded and status does not say so yet. */
        SUCCEEDED,
        /** The Job has given up; it stays until someone deletes it, which asks for another attempt. */
        FAILED,
        /** Recorded in status: it never runs again. */
        DONE
    }

    public static SeedProgress of(Stack stack, Optional<Job> job) {
        FilesStatus before = stack.resource().getStatus() == null ? null : stack.resource().getStatus().getFiles();
        String name = stack.names().seedFilesJob();
        if (before != null && before.getSeededAt() != null) {
            return new SeedProgress(Stage.DONE, name, before.getSeededAt(), before.getSeededFrom());
        }
        if (job.isPresent() && JobOutcome.of(job.get()).succeeded()) {
            return new SeedProgress(Stage.SUCCEEDED, name, completedAt(job.get()), from(job.get()));
        }
        SeedFromBucketSpec wanted = stack.spec().getFiles().getSeedFromBucket();
        if (wanted == null || wanted.getPrefixes() == null || wanted.getPrefixes().isEmpty()) {
            return new SeedProgress(Stage.NOT_WANTED, name, null, null);
        }
        if (job.isEmpty()) {
            return new SeedProgress(Stage.PENDING, name, null, null);
        }
        return new SeedProgress(JobOutcome.of(job.get()).failed() ? Stage.FAILED : Stage.RUNNING, name, null, from(job.get()));
    }

    /**
     * Adds the seeding to what status says about the files. FilesReady keeps its verdict: the volume is usable
     * whether or not seeding has run, so the workloads never wait for it.
     */
    public Readiness<FilesStatus> applyTo(Readiness<FilesStatus> files) {
        files.where().setSeededAt(seededAt);
        files.where().setSeededFrom(seededAt == null ? null : from);
        // A message kept from the previous status (AWS not asked this time) may carry an older note.
        int older = files.message().indexOf(NOTE_START);
        String message = older < 0 ? files.message() : files.message().substring(0, older);
        String note = note();
        return new Readiness<>(files.ready(), files.reason(), note == null ? message : message + note, files.where());
    }

    /** What FilesReady's message adds while seeding runs or after it failed; null otherwise. */
    String note() {
        return switch (stage) {
            case RUNNING -> NOTE_START + from + " runs in Job " + job;
            case FAILED -> NOTE_START + from + " failed: see kubectl logs job/" + job
                    + ", then delete the Job to try again (nothing on the volume was replaced)";
            default -> null;
        };
    }

    /** Whether the previous status already reports this failure (so its Event was sent). */
    boolean failureReportedIn(List<Condition> previous) {
        return Conditions.find(previous, Conditions.FILES_READY)
                .map(c -> c.getMessage() != null && c.getMessage().contains(note())).orElse(false);
    }

    /** The Job's completion time. */
    private static String completedAt(Job job) {
        Instant at = JobOutcome.of(job).at();
        return at == null ? null : at.toString();
    }

    /** s3://bucket/themes, or s3://bucket/{themes,images} for several folders. */
    static String from(Job job) {
        List<EnvVar> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        String bucket = value(env, BucketSeedJob.BUCKET_ENV);
        List<String> prefixes = List.of(value(env, BucketSeedJob.PREFIXES_ENV).trim().split("\\s+"));
        String folders = prefixes.size() == 1 ? prefixes.get(0) : "{" + String.join(",", prefixes) + "}";
        return "s3://" + bucket + "/" + folders;
    }

    private static String value(List<EnvVar> env, String name) {
        return env.stream().filter(v -> name.equals(v.getName())).map(EnvVar::getValue).findFirst().orElse("");
    }

}
