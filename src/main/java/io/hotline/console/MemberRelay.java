package io.hotline.console;

import io.hotline.agents.QueueMembers;
import io.hotline.cluster.ClusterLink;
import io.hotline.telephony.ami.AmiMembers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent membership orders between nodes: an agent's console may be open on a node that stands by for an Asterisk
 * server (another node holds its AMI link), so that node's {@link AmiMembers} hands its {@code QueueAdd},
 * {@code QueueRemove} and {@code QueuePause} to the cluster link ({@code kind: ami-member}) and the node holding
 * the link carries them out. Runs on the console's event loop; sending and performing never block.
 */
final class MemberRelay {
    private static final Logger log = LoggerFactory.getLogger(MemberRelay.class);
    static final String KIND = "ami-member";

    private MemberRelay() {}

    static void wire(Vertx vertx, List<QueueMembers> pbx) {
        List<AmiMembers> ami = pbx.stream()
                .filter(AmiMembers.class::isInstance)
                .map(AmiMembers.class::cast)
                .toList();
        if (ami.isEmpty()) {
            return;
        }
        for (AmiMembers m : ami) {
            m.forwardWhenStandby(o -> vertx.eventBus()
                    .publish(ClusterLink.OUT, new JsonObject().put("kind", KIND).put("body", JsonObject.mapFrom(o))));
        }
        vertx.eventBus().<JsonObject>localConsumer(ClusterLink.IN_PREFIX + KIND, msg -> {
            AmiMembers.Order o;
            try {
                o = msg.body().mapTo(AmiMembers.Order.class);
            } catch (IllegalArgumentException e) {
                log.warn("unreadable membership order from another node ignored: {}", e.getMessage());
                return;
            }
            ami.stream()
                    .filter(m -> m.server().equals(o.server()) && m.connected())
                    .forEach(m -> m.perform(o));
        });
    }
}
