package vn.tthc.hub.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Formats of the national codes: agency (LLL.KK.NN.Xnn), dossier ({agency}-{yyMMdd}-{NNNN}), procedure (d.dddddd). */
public final class DossierCodes {
    public static final Pattern AGENCY = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");
    public static final Pattern DOSSIER = Pattern.compile("(" + AGENCY.pattern() + ")-(\\d{6})-(\\d{4})");
    public static final Pattern NATIONAL_PROCEDURE = Pattern.compile("\\d\\.\\d{6}");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private DossierCodes() {
    }

    public static boolean isAgencyCode(String s) {
        return s != null && AGENCY.matcher(s).matches();
    }

    public static boolean isNationalProcedureCode(String s) {
        return s != null && NATIONAL_PROCEDURE.matcher(s).matches();
    }

    /** A dossier code is well formed when the pattern matches and its yyMMdd part is a real date. */
    public static boolean isDossierCode(String s) {
        if (s == null) {
            return false;
        }
        Matcher m = DOSSIER.matcher(s);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.parse(m.group(2), YYMMDD);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The agency part of a dossier code, or null when the code is malformed. */
    public static String agencyOf(String dossierCode) {
        if (dossierCode == null) {
            return null;
        }
        Matcher m = DOSSIER.matcher(dossierCode);
        return m.matches() ? m.group(1) : null;
    }
}
