//! Sentences for validation problems, in the user's language.

use super::Lang;
use domain::Problem;

/// The message shown under a field that has `problem`.
pub fn problem_text(lang: Lang, problem: Problem) -> String {
    use Lang::*;
    use Problem::*;
    match (problem, lang) {
        (Required, Nl) => "Vul dit veld in.".into(),
        (Required, En) => "Fill in this field.".into(),
        (TooLong { max }, Nl) => format!("Gebruik ten hoogste {max} tekens."),
        (TooLong { max }, En) => format!("Use at most {max} characters."),
        (NotANumber, Nl) => "Vul een getal in, zoals 12 of 1.250,00.".into(),
        (NotANumber, En) => "Enter a number, such as 12 or 1,250.00.".into(),
        (NotADate, Nl) => "Vul een geldige datum in (dd-mm-jjjj).".into(),
        (NotADate, En) => "Enter a valid date (dd-mm-yyyy).".into(),
        (Negative, Nl) => "Een negatief bedrag of aantal kan niet.".into(),
        (Negative, En) => "A negative amount or number is not allowed.".into(),
        (OutOfRange { min, max }, Nl) => format!("Vul een getal van {min} tot en met {max} in."),
        (OutOfRange { min, max }, En) => format!("Enter a number from {min} to {max}."),
        (KvkFormat, Nl) => "Een KvK-nummer bestaat uit precies 8 cijfers.".into(),
        (KvkFormat, En) => "A KvK number has exactly 8 digits.".into(),
        (UnknownChoice, Nl) => "Kies een van de mogelijkheden.".into(),
        (UnknownChoice, En) => "Choose one of the options.".into(),
        (EndBeforeStart, Nl) => "De einddatum ligt vóór de startdatum.".into(),
        (EndBeforeStart, En) => "The end date is before the start date.".into(),
        (NoticeLongerThanTerm, Nl) => "De opzegtermijn is langer dan de eerste looptijd.".into(),
        (NoticeLongerThanTerm, En) => "The notice period is longer than the initial term.".into(),
        (Duplicate, Nl) => "Deze naam of dit kenmerk bestaat al.".into(),
        (Duplicate, En) => "This name or reference already exists.".into(),
        (EmailFormat, Nl) => "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.".into(),
        (EmailFormat, En) => "Enter a valid e-mail address, such as name@example.com.".into(),
        (PasswordTooShort { min }, Nl) => format!("Het wachtwoord moet minstens {min} tekens lang zijn."),
        (PasswordTooShort { min }, En) => format!("The password must be at least {min} characters long."),
        (PasswordMismatch, Nl) => "Het wachtwoord klopt niet of komt niet overeen.".into(),
        (PasswordMismatch, En) => "The password is wrong or does not match.".into(),
        (DecisionNotAllowed, Nl) => "Dit besluit past niet bij dit contract.".into(),
        (DecisionNotAllowed, En) => "This decision does not fit this contract.".into(),
        (NoOptionsLeft, Nl) => "Alle optiejaren zijn al gelicht.".into(),
        (NoOptionsLeft, En) => "All option years have been exercised.".into(),
        (UrlFormat, Nl) => "Vul een volledig http- of https-adres in, zoals https://status.leverancier.nl.".into(),
        (UrlFormat, En) => "Enter a full http or https address, such as https://status.vendor.example.".into(),
        (IntervalTooShort { min }, Nl) => format!("Het interval moet minstens {min} seconden zijn."),
        (IntervalTooShort { min }, En) => format!("The interval must be at least {min} seconds."),
        (ForbiddenCharacter, Nl) => "Gebruik geen stuur- of richtingstekens (zoals NUL of U+202E).".into(),
        (ForbiddenCharacter, En) => "Do not use control or direction characters (such as NUL or U+202E).".into(),
        (YearOutOfRange { min, max }, Nl) => format!("Vul een datum met een jaar van {min} tot en met {max} in."),
        (YearOutOfRange { min, max }, En) => format!("Enter a date with a year from {min} to {max}."),
        (PercentOutOfRange, Nl) => "Vul een percentage boven 0 en ten hoogste 100 in.".into(),
        (PercentOutOfRange, En) => "Enter a percentage above 0 and at most 100.".into(),
        (NoWeekdays, Nl) => "Kies ten minste één dag.".into(),
        (NoWeekdays, En) => "Choose at least one day.".into(),
        (FromNotBeforeTo, Nl) => "De eindtijd moet na de begintijd liggen.".into(),
        (FromNotBeforeTo, En) => "The end time must be after the start time.".into(),
        (DuplicateTier, Nl) => "Twee treden van de staffel hebben dezelfde drempel.".into(),
        (DuplicateTier, En) => "Two tiers of the staffel have the same threshold.".into(),
        (CreditNotGrowing, Nl) => "Een lagere drempel moet een hogere korting geven.".into(),
        (CreditNotGrowing, En) => "A lower threshold must give a higher credit.".into(),
        (HeaderName, Nl) => {
            "Vul een naam van een kopregel in, zoals X-Api-Key of Authorization: letters, cijfers en - zonder spaties."
                .into()
        }
        (HeaderName, En) => {
            "Enter the name of a header, such as X-Api-Key or Authorization: letters, digits and - without spaces."
                .into()
        }
        (TooMany { max }, Nl) => format!("Gebruik ten hoogste {max} regels."),
        (TooMany { max }, En) => format!("Use at most {max} rows."),
        (TimeFormat, Nl) => "Vul een tijd in als uu:mm, van 00:00 tot en met 24:00, zoals 08:00.".into(),
        (TimeFormat, En) => "Enter a time as hh:mm, from 00:00 to 24:00, such as 08:00.".into(),
        (MonthFormat, Nl) => "Kies een maand als jjjj-mm, zoals 2026-10.".into(),
        (MonthFormat, En) => "Choose a month as yyyy-mm, such as 2026-10.".into(),
        (PeriodInFuture, Nl) => "Deze periode is nog niet begonnen; kies de huidige of een eerdere maand.".into(),
        (PeriodInFuture, En) => "This period has not begun yet; choose the current or an earlier month.".into(),
        (BeforeContractStart, Nl) => {
            "Het contract liep in deze periode nog niet; kies een maand vanaf de ingangsdatum.".into()
        }
        (PeriodNotClosed, Nl) => "Deze periode loopt nog; een servicekorting is pas na afloop verschuldigd.".into(),
        (PeriodNotClosed, En) => {
            "This period is still running; a service credit is only owed once it has ended.".into()
        }
        (NoCreditOwed, Nl) => "Over deze periode is geen servicekorting verschuldigd.".into(),
        (NoCreditOwed, En) => "No service credit is owed for this period.".into(),
        (BeforeContractStart, En) => {
            "The contract had not started in this period; choose a month from its start date.".into()
        }
        (AddressRefused, Nl) => "Dit adres mag Regiekamer niet benaderen (een intern of gereserveerd adres).".into(),
        (AddressRefused, En) => "Regiekamer may not contact this address (an internal or reserved address).".into(),
        (KvkInUse { .. }, Nl) => "Dit KvK-nummer hoort al bij een andere leverancier.".into(),
        (KvkInUse { .. }, En) => "This KvK number already belongs to another vendor.".into(),
        (AmbiguousAmount, Nl) => {
            "Dit bedrag is dubbelzinnig: drie cijfers na één scheidingsteken kunnen een duizendtal of decimalen \
             zijn. Schrijf 1.234,00 of 1234,00."
                .into()
        }
        (AmbiguousAmount, En) => {
            "This amount is ambiguous: three digits after a single separator could be thousands or decimals. \
             Write 1,234.00 or 1234.00."
                .into()
        }
        (TwoDecimalSeparators, Nl) => {
            "Dit bedrag heeft twee decimaaltekens of een verkeerde groepering; schrijf bijvoorbeeld 1.234,56 of \
             1234,56."
                .into()
        }
        (TwoDecimalSeparators, En) => {
            "This amount has two decimal separators or wrong grouping; write for example 1,234.56 or 1234.56.".into()
        }
        (TooManyDecimals, Nl) => "Gebruik ten hoogste twee cijfers na de komma.".into(),
        (TooManyDecimals, En) => "Use at most two digits after the decimal separator.".into(),
        (AmountTooLarge, Nl) => "Dit bedrag is te groot: ten hoogste 13 cijfers vóór de komma.".into(),
        (AmountTooLarge, En) => "This amount is too large: at most 13 digits before the decimal separator.".into(),
        (NegativeNotCreditNote, Nl) => {
            "Een negatief bedrag kan alleen bij een creditnota; kies soort creditnota.".into()
        }
        (NegativeNotCreditNote, En) => {
            "A negative amount is only allowed on a credit note; choose kind credit note.".into()
        }
        (CreditNoteNotNegative, Nl) => "Een creditnota heeft een negatief bedrag, zoals -1.250,00.".into(),
        (CreditNoteNotNegative, En) => "A credit note has a negative amount, such as -1,250.00.".into(),
        (VatSign, Nl) => {
            "De btw heeft hetzelfde teken als het bedrag: negatief bij een creditnota, anders positief of 0.".into()
        }
        (VatSign, En) => {
            "The VAT has the same sign as the amount: negative on a credit note, otherwise positive or 0.".into()
        }
        (SharesNotHundred, Nl) => "De aandelen moeten samen precies 100 % zijn.".into(),
        (SharesNotHundred, En) => "The shares must add up to exactly 100 %.".into(),
        (WeightsAllZero, Nl) => "Vul bij ten minste één organisatie een aantal boven 0 in.".into(),
        (WeightsAllZero, En) => "Enter a number above 0 for at least one organisation.".into(),
        (CodeWithSpaces, Nl) => "Een code bevat geen spaties, zoals KP-4100.".into(),
        (CodeWithSpaces, En) => "A code has no spaces, such as KP-4100.".into(),
        (FileTooLarge { max_mb }, Nl) => format!("Dit bestand is groter dan {max_mb} MB."),
        (FileTooLarge { max_mb }, En) => format!("This file is larger than {max_mb} MB."),
        (NotUtf8, Nl) => "Dit bestand is geen UTF-8-tekst. Sla het op als ‘CSV UTF-8’.".into(),
        (NotUtf8, En) => "This file is not UTF-8 text. Save it as ‘CSV UTF-8’.".into(),
        (ImportHasErrors, Nl) => {
            "Het bestand bevat fouten; er is niets ingelezen. Verbeter het en kies het opnieuw.".into()
        }
        (ImportHasErrors, En) => "The file has errors; nothing was imported. Correct it and choose it again.".into(),
        (DateInPast, Nl) => "Kies vandaag of een latere datum.".into(),
        (DateInPast, En) => "Choose today or a later date.".into(),
        (FormVersionRetired, Nl) => {
            "Dit formulier is gewijzigd terwijl u het invulde; er is niets ingediend. Open het formulier opnieuw."
                .into()
        }
        (FormVersionRetired, En) => {
            "This form was changed while you were filling it in; nothing was filed. Open the form again.".into()
        }
        (OwnRequest, Nl) => "U kunt uw eigen aanvraag niet goedkeuren of afwijzen.".into(),
        (OwnRequest, En) => "You cannot approve or reject your own request.".into(),
        (StepNotAllowed, Nl) => "Deze stap is bij de huidige status van de aanvraag niet mogelijk.".into(),
        (StepNotAllowed, En) => "This step is not possible in the request's current status.".into(),
        (NoChoices, Nl) => "Geef ten minste één keuzemogelijkheid, één per regel.".into(),
        (NoChoices, En) => "Give at least one choice, one per line.".into(),
        (MinAboveMax, Nl) => "De ondergrens is hoger dan de bovengrens.".into(),
        (MinAboveMax, En) => "The lower bound is above the upper bound.".into(),
        (KnownDisruption, Nl) => {
            "Deze storing is bekend en wordt aan gewerkt; er is geen nieuwe melding gemaakt.".into()
        }
        (KnownDisruption, En) => "This disruption is known and being worked on; no new report was made.".into(),
    }
}
