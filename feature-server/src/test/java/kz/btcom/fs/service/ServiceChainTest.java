package kz.btcom.fs.service;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.call.OnwardLeg;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.tel;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceChainTest {

    private final List<String> log = new ArrayList<>();
    private final CallContext context = new CallContext(call("+77272777888", "+77172555111"),
            new ServedCase(SessionCase.ORIGINATING, tel("+77272777888")), java.util.Optional.empty());

    @Test
    void anEmptyChainLetsTheCallContinue() {
        assertEquals(ServiceOutcome.proceed(OnwardLeg.AS_DIALLED), new ServiceChain("originating", List.of()).run(context));
    }

    @Test
    void servicesRunInTheirOrderWhileTheyContinue() {
        ServiceChain chain = new ServiceChain("originating", List.of(
                RecordingService.continuing("barring", log), RecordingService.continuing("clir", log)));

        assertEquals(ServiceOutcome.proceed(OnwardLeg.AS_DIALLED), chain.run(context));
        assertEquals(List.of("barring for +77272777888", "clir for +77272777888"), log);
    }

    @Test
    void theFirstOutcomeThatIsNotContinueWinsAndTheRestDoNotRun() {
        ServiceChain chain = new ServiceChain("originating", List.of(
                RecordingService.continuing("feature codes", log),
                new RecordingService("barring", ServiceOutcome.reject(603, "Decline"), log),
                new RecordingService("forwarding", ServiceOutcome.proceed(
                        OnwardLeg.AS_DIALLED.withTarget("+77272000000")), log)));

        assertEquals(ServiceOutcome.reject(603, "Decline"), chain.run(context));
        assertEquals(List.of("feature codes for +77272777888", "barring for +77272777888"), log);
    }

    @Test
    void aServiceThatThrowsFailsTheCallWith500RatherThanBeingSkipped() {
        CallService broken = call -> {
            throw new IllegalStateException("bug");
        };
        ServiceChain chain = new ServiceChain("originating", List.of(broken, RecordingService.continuing("next", log)));

        assertEquals(ServiceOutcome.reject(500, "Server Internal Error"), chain.run(context));
        assertEquals(List.of(), log);
    }
}
