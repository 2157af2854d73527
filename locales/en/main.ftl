# Site identity. The hospital's name, phone and emergency number come from `hospital:` in
# site.yaml: no message names a hospital or a country's emergency number.
site-title = Patient information leaflets
site-description = Plain-language leaflets that explain tests and operations at { $hospital }, and how to prepare for them.

# Languages
language-self-name = English
language-name =
    { $code ->
        [en] English
        [zh] Chinese (Simplified)
       *[other] { $code }
    }
choose-language = Read our leaflets in English
language-switcher-label = Read this leaflet in:
not-available = This leaflet is not yet available in { $language }.
available-in = Available in:

# Navigation
skip-to-content = Skip to main content
nav-home = All leaflets
nav-breadcrumb-label = Breadcrumb

# Index page
index-heading = Leaflets by department
index-intro = Find out what to expect before, during and after your test or operation.
index-count =
    { $count ->
        [one] One leaflet
       *[other] { $count } leaflets
    }

# Leaflet details
leaflet-details = About this leaflet
label-reference = Reference
label-version = Version
label-reviewed = Last reviewed
label-review-due = Next review due
label-department = Department
label-tags = Topics
toc-heading = Contents
draft-badge = Draft

# Printing
print-leaflet = Print this leaflet
print-version = Printable version
back-to-online = Back to the online version
page-number = Page { $page } of { $pages }
online-version-at = The latest version of this leaflet is online at:

# Page not found
notfound-title = Page not found
notfound-text = Sorry, we could not find the page you were looking for. It may have moved or been removed.
notfound-back = Go to the list of leaflets

# Starting a leaflet (`leafpress new`): its summary, a note to its author, and the sections a
# procedure leaflet usually has.
new-summary = What happens during this procedure, and how to get ready for it.
new-guide = Write each section in short sentences and everyday words. Notes like this one are left out of the page.
new-section-what = What is it?
new-section-why = Why do I need it?
new-section-ready = Getting ready
new-section-day = On the day
new-section-after = Afterwards
new-section-risks = Risks and side effects
new-section-contact = Contact us

# Footer
footer-text = Every leaflet is also available in large print. If you need a leaflet in another format, such as audio or Braille, or in another language, ask a member of staff.
footer-emergency = In an emergency, call { $number }.
footer-phone = Hospital switchboard: { $phone }
feedback-link = Tell us what you think of this leaflet
# Between the feedback link and the address printed after it.
feedback-separator = { ": " }
# The subject of a feedback e-mail: the comms team reads it to know which leaflet it is about.
feedback-subject = Leaflet { $reference }, version { $version }, { $language }

# Dates
date = { $day } { $monthName } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# Print and PDF
qr-code-label = QR code for the online version: { $url }
download-pdf = Download PDF
large-print = Large print
large-print-version = Large print version
download-large-print-pdf = Download large print PDF

# Sources of the information in a leaflet
sources-heading = Sources
bilingual-handout = Bilingual handout
print-handout = Print

# Search
search-label = Search the leaflets of { $hospital }
search-placeholder = For example: colonoscopy, fasting
search-button = Search
search-searching = Searching…
search-results =
    { $count ->
        [one] One leaflet found
       *[other] { $count } leaflets found
    }
search-no-results = No leaflets found. Try another word, or browse the leaflets by department.
search-results-label = Search results
search-unavailable = Search is not available at the moment. Browse the leaflets by department instead.
search-needs-javascript = Search needs JavaScript.
search-listed-below = Every leaflet is listed below, by department.

# Earlier addresses (aliases) and withdrawn leaflets
moved-title = This leaflet has moved
moved-text = This leaflet has a new address. If your browser does not take you there, follow this link:
withdrawn-page-title = Withdrawn: { $title }
withdrawn-title = This leaflet has been withdrawn
withdrawn-text = The leaflet “{ $title }” ({ $reference }) was withdrawn on { $date }.
withdrawn-reason = Why: { $reason }
withdrawn-replaced = It has been replaced by this leaflet:
withdrawn-ask = If you have questions about your care, ask the team looking after you or call the hospital on { $phone }.
withdrawn-ask-no-phone = If you have questions about your care, ask the team looking after you.
