package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard as JSON: every partner's card, and the time series of its charts. */
@RestController
@Tag(name = "Dashboard")
public class DashboardApi {
    private final DashboardService dashboard;

    public DashboardApi(DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/api/v1/dashboard")
    @Operation(summary = "Every partner: deliveries by state, rates of the last hour and day, failing since, queues, next pull, last reconciliation")
    public DashboardService.Snapshot dashboard() {
        return dashboard.snapshot();
    }

    @GetMapping("/api/v1/dashboard/series")
    @Operation(summary = "A partner's attempts per bucket: 1 min over the last hour, 30 min over the last day")
    public DashboardService.Series series(@RequestParam String partner, @RequestParam(defaultValue = "hour") String window) {
        return dashboard.series(partner, DashboardService.Window.of(window));
    }
}
