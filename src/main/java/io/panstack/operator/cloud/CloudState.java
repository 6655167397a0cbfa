package io.panstack.operator.cloud;

import java.util.Objects;
import java.util.stream.Stream;


/** A stack's AWS resources after a pass; a part is null when the spec does not use it. */
public record CloudState(String region, RdsState database, EfsState files, BucketState bucket) {

    private Stream<ResourceState> states() {
        return Stream.of(database == null ? null : database.state(), files == null ? null : files.state(),
                bucket == null ? null : bucket.state()).filter(Objects::nonNull);
    }

    /** Every AWS resource the spec uses can serve the Pi workloads. */
    public boolean ready() {
        return states().allMatch(ResourceState::ready);
    }

    /** AWS is still working on one of them: poll again soon rather than at the slow pace. */
    public boolean settling() {
        return states().anyMatch(ResourceState::settling);
    }
}
