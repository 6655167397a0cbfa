package io.panstack.operator.testsupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.panstack.operator.aws.AwsClients;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.aws.AwsServicesFactory;
import io.panstack.operator.aws.AwsSettings;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The operator's AWS clients in Quarkus tests: the production wiring (aimed at moto by MotoServer through the
 * standard aws.endpointUrl setting), over an HTTP client tests can make fail, with a fake for the EFS backup policy
 * calls moto lacks.
 */
@Mock
@ApplicationScoped
public class TestAwsServices implements AwsServicesFactory {
    /** Shared by every Quarkus test: turn faults on and (in a finally) off again. */
    public static final FaultInjectingHttpClient HTTP = new FaultInjectingHttpClient(UrlConnectionHttpClient.create());
    public static final FakeFileSystemBackups BACKUPS = new FakeFileSystemBackups();
    /**
     * True: EFS's backup policy and AWS Backup answer as moto does (DescribeBackupPolicy PolicyNotFound,
     * PutBackupPolicy 500, ListRecoveryPointsByResource 404) instead of the fake. Turn it off again in a finally.
     */
    public static volatile boolean backupsAsMotoAnswers;

    private final AwsClients clients;

    public TestAwsServices(MeterRegistry registry) {
        this.clients = new AwsClients(new AwsSettings(AwsSettings.DEFAULT_MAX_ATTEMPTS, true), HTTP, registry);
    }

    @Override
    public AwsServices forRegion(String region) {
        AwsServices real = clients.forRegion(region);
        return new AwsServices(real.region(), real.rds(), real.efs(), backupsAsMotoAnswers ? real.efsBackups() : BACKUPS,
                real.s3());
    }
}
