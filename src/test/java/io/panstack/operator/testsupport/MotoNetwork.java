package io.panstack.operator.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

/**
 * A VPC with two subnets in two availability zones and a security group, made in the emulator: RDS subnet groups
 * and EFS mount targets want subnets that exist.
 */
public record MotoNetwork(String vpcId, List<String> subnetIds, List<String> availabilityZones,
        String securityGroupId) {

    /** Each network gets its own 10.x.0.0/16, so several can live in one emulator. */
    private static final AtomicInteger NEXT = new AtomicInteger(10);

    /** In the emulator's default region, eu-west-1. */
    public static MotoNetwork create(MotoServer moto) {
        return create(moto, MotoServer.REGION);
    }

    public static MotoNetwork create(MotoServer moto, String region) {
        try (Ec2Client ec2 = moto.client(Ec2Client.builder(), region)) {
            return create(ec2);
        }
    }

    public static MotoNetwork create(Ec2Client ec2) {
        int net = NEXT.getAndIncrement();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10." + net + ".0.0/16")).vpc().vpcId();
        List<String> zones = ec2.describeAvailabilityZones().availabilityZones().stream()
                .map(AvailabilityZone::zoneName).sorted().limit(2).toList();
        List<String> subnets = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            String cidr = "10." + net + "." + (i + 1) + ".0/24";
            String zone = zones.get(i);
            subnets.add(ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(zone)).subnet()
                    .subnetId());
        }
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("panstack-test-" + net)
                .description("PanStack test")).groupId();
        return new MotoNetwork(vpcId, List.copyOf(subnets), zones, groupId);
    }
}
