package io.panstack.operator.cloud;

import java.util.List;

/**
 * Where one AWS resource of a stack stands.
 *
 * @param ready    usable by the Pi workloads
 * @param settling AWS is still working on it (creating, modifying): look again soon
 * @param reason   CamelCase reason for the resource's condition
 * @param message  human summary, with the AWS state in it
 * @param drift    settings of an adopted resource that the spec leaves alone and that fall short of what the operator
 *                 would choose: reported (status), never changed
 */
public record ResourceState(boolean ready, boolean settling, String reason, String message, List<String> drift) {

    public ResourceState(boolean ready, boolean settling, String reason, String message) {
        this(ready, settling, reason, message, List.of());
    }
}
