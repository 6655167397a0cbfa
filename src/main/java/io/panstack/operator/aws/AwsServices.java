package io.panstack.operator.aws;

import io.panstack.operator.aws.efs.FileSystemBackups;
import io.panstack.operator.aws.efs.FileSystems;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.aws.s3.Buckets;

/** The AWS services of one region, as the reconcilers use them. */
public record AwsServices(String region, DatabaseInstances rds, FileSystems efs, FileSystemBackups efsBackups,
        Buckets s3) {
}
