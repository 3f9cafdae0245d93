import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * scripts/production-shape.sh status: how the hub instances shared the work, read from the shared PostgreSQL
 * (delivery_attempt.instance). Run as: java -cp postgresql.jar ShapeStatus.java URL USER PASSWORD
 */
public class ShapeStatus {
    public static void main(String[] a) throws Exception {
        try (Connection c = DriverManager.getConnection(a[0], a[1], a[2])) {
            System.out.println("Attempts per hub instance and target (delivery_attempt.instance):");
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT COALESCE(a.instance, '?') AS instance, d.target, a.outcome, COUNT(*) AS n
                    FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                    GROUP BY a.instance, d.target, a.outcome ORDER BY 1, 2, 3""")) {
                while (rs.next()) {
                    System.out.printf("  %-12s %-16s %-10s %6d%n", rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT state, COUNT(*) FROM delivery GROUP BY state ORDER BY 1")) {
                System.out.print("Deliveries by state:");
                while (rs.next()) {
                    System.out.print("  " + rs.getString(1) + "=" + rs.getLong(2));
                }
                System.out.println();
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT instance_name, last_checkin_time FROM qrtz_scheduler_state ORDER BY 1")) {
                System.out.println("Quartz cluster members (qrtz_scheduler_state):");
                while (rs.next()) {
                    System.out.printf("  %s (last check-in %tT)%n", rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT instance_name, trigger_group || '/' || trigger_name, COUNT(*) FROM qrtz_fired_triggers GROUP BY 1, 2 ORDER BY 1, 2")) {
                while (rs.next()) {
                    System.out.printf("  firing now on %s: %s%n", rs.getString(1), rs.getString(2));
                }
            }
        }
    }
}
