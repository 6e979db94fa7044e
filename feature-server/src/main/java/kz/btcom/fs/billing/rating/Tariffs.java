package kz.btcom.fs.billing.rating;

import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.tables.TableText;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tariffs of {@code config/tariffs.yaml} (that file's comments give the rules), read and validated once.
 *
 * @param currency     "KZT", the currency of every price and record
 * @param vat          the VAT rate added on top of the (net) prices
 * @param billTimeZone the zone of itemized bills: a call's month and its printed date and time
 * @param mobile       per started 10 seconds, named "mobile"
 * @param information  per started minute, named "information"
 * @param featureFees  in the file's order, names unique
 */
public record Tariffs(String currency, VatRate vat, ZoneId billTimeZone, LocalTariff local, NationalZones national,
                      Tariff mobile, InternationalTariffs international, Tariff information,
                      List<FeatureFee> featureFees) {

    /** Where {@link #builtIn()} finds the shipped {@code config/tariffs.yaml} on the class path. */
    public static final String RESOURCE = "/kz/btcom/fs/billing/rating/tariffs.yaml";

    public Tariffs {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(billTimeZone, "billTimeZone");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(national, "national");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(international, "international");
        Objects.requireNonNull(information, "information");
        featureFees = List.copyOf(featureFees);
    }

    /**
     * Reads a tariff file. Every problem is one line naming {@code sourceName}, the dotted key and what is wrong:
     * {@code tariffs.yaml: national.zones[1].pricePer10Seconds: "3.005" has fractions of a tiyn}. Unknown keys are
     * errors.
     */
    public static Tariffs parse(String yamlText, String sourceName) throws ConfigException {
        return TariffsReader.read(yamlText, sourceName);
    }

    /** Reads a tariff file from disk; messages name the file as given. */
    public static Tariffs read(Path file) throws ConfigException {
        return parse(TableText.read(file), file.toString());
    }

    /**
     * The shipped tariffs: {@code config/tariffs.yaml}, which the build copies to {@link #RESOURCE}.
     *
     * @throws IllegalStateException when the resource is missing or invalid: the build is broken
     */
    public static Tariffs builtIn() {
        try {
            return parse(TableText.builtInText(RESOURCE), "built-in tariffs.yaml");
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The fee named {@code name} ("wakeUpCall"), if the file has one. */
    public Optional<FeatureFee> featureFee(String name) {
        return featureFees.stream().filter(fee -> fee.name().equals(name)).findFirst();
    }
}
