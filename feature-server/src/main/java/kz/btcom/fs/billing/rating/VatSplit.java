package kz.btcom.fs.billing.rating;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount split into its net part and its VAT: {@code net + vat = gross} exactly. */
public record VatSplit(BigDecimal net, BigDecimal vat) {

    public VatSplit {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vat, "vat");
    }

    public BigDecimal gross() {
        return net.add(vat);
    }
}
