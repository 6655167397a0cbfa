package io.panstack.operator.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.panstack.operator.api.v1alpha1.BackupStatus;
import io.panstack.operator.kube.JobMessages;
import io.panstack.operator.kube.JobOutcome;
import io.panstack.operator.stack.StackLabels;

/**
 * What the verification Jobs found (verify.sh, see {@link VerifyJobs}): the newest finished one, read from the Job's
 * outcome and the summary line its pod left as termination message. Pure.
 */
public final class Verifications {
    /** A new value (any text) starts one verification now, e.g. after a restore drill; once per value. */
    public static final String VERIFY_NOW = "panstack.io/verify-now";
    private static final Pattern SUMMARY = Pattern
            .compile("verify: (?:backup=(?<backup>\\S+) )?result=(?<result>Passed|Failed|Error|NoBackup) ?(?<detail>.*)");
    /** download.sh's words when the bucket holds no backup to verify. */
    private static final String NO_BACKUP_IN_BUCKET = "download: no backup of ";

    private Verifications() {
    }

    public enum Result {
        /** Restored, and matched its manifest. */
        Passed,
        /** The backup is damaged or does not restore as it was taken. */
        Failed,
        /** It could not be verified (the download or the scratch server failed): no word on the backup. */
        Error,
        /** There was no backup to verify. */
        NoBackup
    }

    /**
     * @param backup  the backup file it checked; null when unknown
     * @param message what it found, or why it failed
     * @param fromPod whether its pod's summary was read; false: only the Job's outcome was (its pod not in the cache
     *                yet, or gone)
     */
    public record Outcome(Instant at, Result result, String backup, String message, boolean fromPod) {
    }

    /**
     * Whether status records this finding of its verification: a run recorded from its Job alone (its pod not in the
     * cache yet) is recorded again, once, with what its pod found, and announced again (StatusEvents).
     */
    public static boolean sameFinding(BackupStatus recorded, String result, String backup, String message) {
        return Objects.equals(recorded.getLastVerificationResult(), result)
                && Objects.equals(recorded.getLastVerificationBackup(), backup)
                && Objects.equals(recorded.getLastVerificationMessage(), message);
    }

    /** The newest finished verification among the stack's Jobs, with what its pod said; empty when none finished. */
    public static Optional<Outcome> newest(List<Job> jobs, List<Pod> pods) {
        return jobs.stream()
                .filter(job -> VerifyJobs.COMPONENT.equals(job.getMetadata().getLabels().get(StackLabels.COMPONENT)))
                // Of two runs ending in the same second, always the same one: the record never flips between them.
                .sorted(Comparator.comparing(job -> job.getMetadata().getName()))
                .map(job -> outcome(job, pods)).flatMap(Optional::stream)
                .max(Comparator.comparing(Outcome::at));
    }

    static Optional<Outcome> outcome(Job job, List<Pod> pods) {
        JobOutcome done = JobOutcome.of(job);
        if (done.at() == null || !(done.succeeded() || done.failed())) {
            return Optional.empty();
        }
        String said = JobMessages.lastLine(job, pods, VerifyJobs.VERIFY).orElse(null);
        Matcher line = said == null ? null : SUMMARY.matcher(said);
        if (line != null && line.matches()) {
            Result result = Result.valueOf(line.group("result"));
            // A Job that succeeded passed, whatever its last line; one that failed never did.
            if (done.succeeded() != (result == Result.Passed)) {
                result = done.succeeded() ? Result.Passed : Result.Error;
            }
            return Optional.of(new Outcome(done.at(), result, line.group("backup"), line.group("detail").strip(),
                    true));
        }
        if (said != null && said.startsWith(NO_BACKUP_IN_BUCKET)) {
            return Optional.of(new Outcome(done.at(), Result.NoBackup, null, said.substring("download: ".length()),
                    true));
        }
        return Optional.of(done.succeeded()
                ? new Outcome(done.at(), Result.Passed, null, "the Job succeeded (its pod left no summary)",
                        said != null)
                : new Outcome(done.at(), Result.Error, null, said != null ? said
                        : "Job " + job.getMetadata().getName() + " failed: kubectl logs job/" + job.getMetadata().getName()
                                + " --all-containers", said != null));
    }

}
