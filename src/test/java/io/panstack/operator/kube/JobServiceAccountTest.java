package io.panstack.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

@Tag(Tiers.UNIT)
class JobServiceAccountTest {

    @Test
    void eachStackHasItsOwnWithTheSpecsAnnotationsAndNoToken() {
        Stack stack = TestStacks.withSpec("""
                version: '2025_10.1'
                jobIdentity:
                  annotations: {eks.amazonaws.com/role-arn: 'arn:aws:iam::123456789012:role/bi-backups'}
                """);

        ServiceAccount account = JobServiceAccount.desired(stack);

        assertThat(account.getMetadata().getName()).isEqualTo(stack.name() + "-jobs");
        assertThat(account.getMetadata().getNamespace()).isEqualTo(stack.namespace());
        assertThat(account.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/bi-backups");
        assertThat(account.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "panstack-operator")
                .containsEntry("app.kubernetes.io/instance", stack.name());
        assertThat(account.getAutomountServiceAccountToken()).as("the pods need no Kubernetes API").isFalse();
    }

    @Test
    void aPodUsesTheAccountItsSpecNamesElseTheStacks() {
        Stack stack = TestStacks.withSpec("version: '2025_10.1'");

        assertThat(JobServiceAccount.forPod(stack, "backup-writer")).isEqualTo("backup-writer");
        assertThat(JobServiceAccount.forPod(stack, null)).isEqualTo(stack.name() + "-jobs");
    }
}
