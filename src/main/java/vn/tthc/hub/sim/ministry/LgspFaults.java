package vn.tthc.hub.sim.ministry;

import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;
import vn.tthc.hub.sim.common.SimLedger;
import vn.tthc.hub.sim.ndxp.NdxpReply;

/** The LGSP-style answers of systems behind NDXP to a fault decided before any effect: 503, business rejection, hang then 504. */
public final class LgspFaults {
    private LgspFaults() {
    }

    /** How a system words an LGSP answer (JSON or XML). */
    @FunctionalInterface
    public interface Answer {
        NdxpReply of(int httpStatus, int errorCode, String message);
    }

    /** The fault's answer, or null when the call goes on (no fault, or one that acts after the effect). */
    public static NdxpReply beforeEffect(FaultDecision decision, SimFaults faults, SimLedger ledger, Answer answer) {
        switch (decision) {
            case ERROR -> {
                return answer.of(503, MinistryError.DATA_INCORRECT, "Hệ thống đang bận, vui lòng thử lại sau");
            }
            case REJECT -> {
                ledger.addRejected(1);
                return answer.of(200, MinistryError.DATA_INCORRECT, "Dữ liệu không chính xác (lỗi nghiệp vụ giả lập)");
            }
            case HANG -> {
                faults.sleepHang();
                return answer.of(504, MinistryError.DATA_INCORRECT, "Hết thời gian chờ xử lý");
            }
            default -> {
                return null;
            }
        }
    }
}
