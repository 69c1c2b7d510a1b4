package dev.handoff.report;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** /dashboard/ shows the manager dashboard, a static page in static/dashboard/ that reads the report API. */
@Controller
class DashboardPage {

    @GetMapping({ "/dashboard", "/dashboard/" })
    String page() {
        return "forward:/dashboard/index.html";
    }
}
