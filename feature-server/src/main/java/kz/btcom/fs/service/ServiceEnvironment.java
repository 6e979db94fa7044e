package kz.btcom.fs.service;

import kz.btcom.fs.time.Scheduler;

import java.time.Clock;
import java.util.Objects;

/** What services are built with: injected time and timers, so tests run them on a fake clock. */
public record ServiceEnvironment(Clock clock, Scheduler scheduler) {
    public ServiceEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
    }
}
