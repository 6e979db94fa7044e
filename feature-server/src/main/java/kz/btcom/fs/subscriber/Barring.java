package kz.btcom.fs.subscriber;

/**
 * Outgoing call barring (the CIS code-34 norm): level 0 bars nothing; 1 international; 2 long-distance and
 * international; 3 as 2 plus information/entertainment; 4 all outgoing. Emergency and operator service numbers
 * are never barred; which classes a level bars is the barring service's business, not the profile's.
 */
public record Barring(boolean subscribed, int level) {

    public static final int MAX_LEVEL = 4;
    public static final Barring NONE = new Barring(false, 0);

    public Barring {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("barring level " + level + " is out of range 0-" + MAX_LEVEL);
        }
    }

    public Barring withLevel(int newLevel) {
        return new Barring(subscribed, newLevel);
    }
}
