package kz.btcom.fs.service.barring;

import kz.btcom.fs.numbering.NumberClass;

/**
 * Which number classes each outgoing-barring level bars (the CIS code-34 norm, PRODUCT.md): 1 international;
 * 2 long-distance and international; 3 as 2 plus information/entertainment; 4 all outgoing. Emergency and operator
 * service numbers are never barred. Mobile numbers count as long-distance: they are billed as such in Kazakhstan.
 */
public final class BarringPolicy {

    private BarringPolicy() {
    }

    public static boolean bars(int level, NumberClass called) {
        return switch (called) {
            case EMERGENCY, SERVICE -> false;
            case INTERNATIONAL -> level >= 1;
            case NATIONAL, MOBILE -> level >= 2;
            case INFORMATION -> level >= 3;
            case LOCAL -> level >= 4;
        };
    }

    /** What a suspended line may still call. */
    public static boolean allowedWhenSuspended(NumberClass called) {
        return called == NumberClass.EMERGENCY || called == NumberClass.SERVICE;
    }
}
