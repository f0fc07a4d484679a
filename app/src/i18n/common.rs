//! Messages used across pages: layout, navigation, buttons and error pages.

crate::messages!(
    /// Shared texts.
    Common {
        AppName => "Regiekamer", "Regiekamer";
        SkipToContent => "Direct naar de inhoud", "Skip to content";
        MainNav => "Hoofdmenu", "Main menu";
        NavHome => "Overzicht", "Overview";
        NavVendors => "Leveranciers", "Vendors";
        NavContracts => "Contracten", "Contracts";
        NavDeadlines => "Termijnen", "Deadlines";
        NavSla => "SLA", "SLA";
        NavCosts => "Kosten", "Costs";
        NavSelfService => "Zelfservice", "Self-service";
        NavRequests => "Aanvragen", "Requests";
        NavMonitoring => "Monitoring", "Monitoring";
        NavAudit => "Auditlog", "Audit log";
        NavUsers => "Gebruikers", "Users";
        NavAccount => "Mijn account", "My account";
        SignOut => "Afmelden", "Sign out";
        Language => "Taal", "Language";
        SwitchToOther => "English", "Nederlands";
        SignedInAs => "Aangemeld als", "Signed in as";
        Save => "Opslaan", "Save";
        Cancel => "Annuleren", "Cancel";
        Delete => "Verwijderen", "Delete";
        Edit => "Wijzigen", "Edit";
        Filter => "Filteren", "Filter";
        ClearFilter => "Filter wissen", "Clear filter";
        Loading => "Bezig met laden…", "Loading…";
        Yes => "Ja", "Yes";
        No => "Nee", "No";
        None => "Geen", "None";
        All => "Alle", "All";
        Choose => "Maak een keuze", "Choose";
        Optional => "(niet verplicht)", "(optional)";
        FormHasErrors => "Het formulier bevat fouten. Verbeter de gemarkeerde velden.", "The form has errors. Please correct the marked fields.";
        Saved => "Opgeslagen.", "Saved.";
        ForbiddenTitle => "Geen toegang", "Access denied";
        ForbiddenText => "U heeft met uw rol geen toegang tot deze pagina of dit gegeven. Neem contact op met de beheerder als u denkt dat dit niet klopt.", "Your role does not give you access to this page or item. Contact the administrator if you think this is wrong.";
        NotFoundTitle => "Niet gevonden", "Not found";
        NotFoundText => "Deze pagina of dit gegeven bestaat niet (meer).", "This page or item does not exist (any more).";
        ErrorTitle => "Er ging iets mis", "Something went wrong";
        ErrorText => "Er is een onverwachte fout opgetreden. Probeer het later opnieuw; de fout is vastgelegd.", "An unexpected error occurred. Please try again later; the error has been logged.";
        SessionExpired => "Uw sessie is verlopen of het formulier is verouderd. Laad de pagina opnieuw en probeer het nog eens.", "Your session has expired or the form is out of date. Reload the page and try again.";
        ConflictText => "Dit kan niet: het gegeven wordt nog gebruikt of is intussen gewijzigd.", "This is not possible: the item is still in use or has been changed meanwhile.";
        BadRequest => "Het verzoek was niet geldig.", "The request was not valid.";
        BackToOverview => "Terug naar het overzicht", "Back to the overview";
        Actions => "Acties", "Actions";
    }
);
