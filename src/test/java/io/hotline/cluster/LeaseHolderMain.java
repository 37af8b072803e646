package io.hotline.cluster;

import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ami.AmiLink;
import io.hotline.telephony.ami.AmiServer;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEventSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A Hotline node reduced to what holds an AMI link: its lease keeper on the shared database and the link to one
 * Asterisk. {@link LeaseTakeoverIT} runs it as a child process and kills it by PID. Prints {@code HOLDING} once its
 * link is up; ends when its standard input closes.
 *
 * <p>Arguments: JDBC URL, database user, node id, AMI port, AMI secret, lease interval (ms).
 */
public final class LeaseHolderMain {
    private LeaseHolderMain() {}

    public static void main(String[] args) throws IOException {
        var ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (var leases = LinkLeases.start(ds, args[2], Duration.ofMillis(Long.parseLong(args[5])));
                var link = new AmiLink(
                        server(Integer.parseInt(args[3]), args[4]),
                        leases.lease(LeaseTakeoverIT.LEASE),
                        QueueEventSink.NONE,
                        s -> {
                            if (s.state() == LinkStatus.State.CONNECTED) {
                                out.println("HOLDING");
                            }
                        },
                        Clock.systemUTC())) {
            link.start();
            while (System.in.read() >= 0) {
                // until the parent closes our input (or kills us)
            }
        }
    }

    static AmiServer server(int port, String secret) {
        return new AmiServer(
                "pbx-a",
                "ami",
                new AmiConfig(
                        "127.0.0.1",
                        port,
                        "hotline",
                        secret,
                        Duration.ofMillis(50),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(3)));
    }
}
