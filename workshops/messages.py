"""User-facing messages for service error codes, in the user's language.

Messages are written in French (the source language); the English catalogue
translates them. Add a line here for every new ServiceError code.
"""
from flask_babel import gettext, lazy_gettext as _l, ngettext

MESSAGES = {
    "invalid_json": _l("La requête n'est pas un JSON valide."),
    "invalid_body": _l("Le contenu de la requête doit être un objet JSON."),
    "too_deep": _l("La requête contient trop de niveaux imbriqués."),
    "number_out_of_range": _l("Un nombre de la requête est hors des limites permises."),
    "invalid_characters": _l("Un texte de la requête contient des caractères invalides."),
    "unauthorized": _l("Identifiez-vous pour continuer."),
    "bad_credentials": _l("Adresse e-mail ou mot de passe incorrects."),
    "not_allowed": _l("Vous n'avez pas accès à cette action."),
    "not_found": _l("Cette page ou cette ressource n'existe pas."),
    "method_not_allowed": _l("Cette opération n'est pas possible ici."),
    "too_large": _l("La requête est trop volumineuse."),
    "invalid_email": _l("Adresse e-mail invalide."),
    "password_too_short": _l("Le mot de passe doit faire au moins %(min)s caractères."),
    "account_exists": _l("Un compte existe déjà avec cette adresse."),
    "no_such_account": _l("Aucun compte n'existe avec cette adresse. Créez-le d'abord."),
    "quota_reached": _l("Limite atteinte : %(max)s au plus (pour une personne ou pour l'atelier)."),
    "unknown_token": _l("Ce jeton n'existe pas ou a déjà été révoqué."),
    "no_invitation": _l("Aucune invitation en attente pour cet atelier."),
    "unknown_workshop": _l("Aucun atelier ne correspond à ce code."),
    "unknown_format": _l("Ce format d'atelier n'existe pas."),
    "title_required": _l("Le titre est obligatoire."),
    "invalid_title": _l("Le titre doit être un texte."),
    "title_too_long": _l("Le titre ne doit pas dépasser %(max)s caractères."),
    "description_too_long": _l("La description ne doit pas dépasser %(max)s caractères."),
    "invalid_axes": _l("La liste des axes est invalide."),
    "too_many_axes": _l("Un atelier a au plus %(max)s axes."),
    "unknown_axis": _l("Cet axe n'existe pas dans cet atelier."),
    "unknown_view": _l("Cet affichage n'existe pas."),
    "group_place_too_long": _l("Le lieu du groupe fait au plus %(max)s caractères."),
    "unknown_member_names": _l("Choisissez : initiales ou prénoms."),
    "unknown_sort": _l("Ce tri n'existe pas : par heure (time) ou par soutiens (support)."),
    "unknown_page_action": _l("Pages : next, previous, hold ou auto."),
    "invalid_locked": _l("« locked » doit valoir true ou false."),
    "invalid_organisation_type": _l("Choisissez un type de structure dans la liste."),
    "invalid_profession": _l("Choisissez une profession dans la liste."),
    "organisation_required": _l("Indiquez votre structure."),
    "organisation_too_long": _l("Le nom de la structure ne doit pas dépasser %(max)s caractères."),
    "name_too_long": _l("Le nom ne doit pas dépasser %(max)s caractères."),
    "invalid_client_id": _l("Identifiant de carte manquant ou invalide."),
    "locked": _l("L'animation a fermé les contributions pour le moment."),
    "unknown_kind": _l("Le type de carte doit être « Levier » ou « Oui, mais… »."),
    "text_required": _l("Le texte est vide."),
    "text_too_long": _l("Le texte ne doit pas dépasser %(max)s caractères."),
    "unknown_parent": _l("La carte à laquelle vous répondez n'existe pas."),
    "invalid_parent": _l("Un « Oui, mais… » ne peut répondre qu'à un levier du même axe."),
    "unknown_card": _l("Cette carte n'existe pas ou plus."),
    "not_your_card": _l("Vous ne pouvez modifier que vos propres cartes."),
    "invalid_hidden": _l("« hidden » doit valoir true ou false."),
    "invalid_verbatim": _l("« verbatim » doit valoir true ou false."),
    "rate_limited": _l("Trop de requêtes : patientez un instant."),
    "internal_error": _l("Une erreur inattendue s'est produite. Réessayez dans un instant."),
    "database_unavailable": _l("La base de données ne répond pas pour le moment : réessayez dans quelques secondes."),
    # Activities: question board, individual writing, polls, feedback form.
    "unknown_sequence": _l("Cette séquence n'existe pas dans cet atelier."),
    "writing_revealed": _l("Les textes ont été dévoilés : ils ne peuvent plus être modifiés."),
    "not_revealed": _l("Les textes n'ont pas encore été dévoilés."),
    "invalid_revealed": _l("« revealed » doit valoir true ou false."),
    "unknown_poll": _l("Ce sondage n'existe pas dans cet atelier."),
    "poll_closed": _l("Le vote est fermé."),
    "invalid_choice": _l("Choisissez une réponse proposée."),
    "invalid_open": _l("« open » doit valoir true ou false."),
    "invalid_shown": _l("« shown » doit valoir true ou false."),
    "word_required": _l("Écrivez au moins un mot."),
    "word_too_long": _l("Un mot fait au plus %(max)s caractères."),
    "too_many_words": _l("%(max)s mots au plus."),
    # Activities made from the console.
    "unknown_activity": _l("Choisissez : sondage, question ouverte ou écriture individuelle."),
    "unknown_poll_kind": _l("Choisissez le type de sondage : choix unique, choix multiple, échelle de 1 à 5 ou nuage de mots."),
    "unknown_poll_results": _l("Résultats : « live » (en direct) ou « hidden » (masqués jusqu'à révélation)."),
    "question_required": _l("La question est obligatoire."),
    "question_too_long": _l("La question fait au plus %(max)s caractères."),
    "option_required": _l("Chaque réponse proposée doit être un texte."),
    "option_too_long": _l("Une réponse proposée fait au plus %(max)s caractères."),
    "too_few_options": _l("Proposez au moins %(min)s réponses."),
    "too_many_options": _l("%(max)s réponses proposées au plus."),
    "duplicate_option": _l("Deux réponses proposées sont identiques."),
    "invalid_start": _l("« start » doit valoir true ou false."),
    "agenda_empty": _l("Le programme n'a aucune journée : ajoutez-en une d'abord."),
    "no_feedback_form": _l("Cet atelier n'a pas de questionnaire."),
    "feedback_closed": _l("Le questionnaire n'est pas ouvert, ou le lien a expiré."),
    "invalid_valid_days": _l("La durée de validité doit être comprise entre 1 et %(max)s jours."),
    "invalid_answers": _l("Les réponses au questionnaire sont invalides."),
    "answer_required": _l("Répondez aux questions obligatoires."),
    # Mixed groups and recommendations (services/groups/)
    "size_or_count": _l("Indiquez soit la taille des groupes, soit le nombre de groupes."),
    "invalid_size": _l("La taille des groupes doit être un nombre entre 2 et %(max)s."),
    "invalid_count": _l("Le nombre de groupes doit être un nombre entre 1 et %(max)s."),
    "no_participants": _l("Personne n'a encore rejoint l'atelier : impossible de former des groupes."),
    "unknown_group": _l("Ce groupe n'existe pas ou plus."),
    "unknown_participant": _l("Cette personne n'est pas dans l'atelier."),
    "group_name_required": _l("Le nom du groupe est vide."),
    "group_name_too_long": _l("Le nom du groupe ne doit pas dépasser %(max)s caractères."),
    "unknown_target": _l("Choisissez une cible parmi : professionnel·le, structure, partenaires, institutions."),
    "invalid_theme": _l("Le thème doit être un texte."),
    "theme_too_long": _l("Le thème ne doit pas dépasser %(max)s caractères."),
    "unknown_recommendation": _l("Cette recommandation n'existe pas ou plus."),
    "not_in_group": _l("Vous n'êtes dans aucun groupe pour l'instant : attendez que l'animation forme les groupes."),
    "not_your_group": _l("Vous ne pouvez modifier que les recommandations de votre groupe."),
    "already_merged": _l("Cette recommandation a été fusionnée avec une autre."),
    "version_required": _l("Indiquez la version de la recommandation que vous modifiez."),
    "stale_version": _l("Quelqu'un a modifié cette recommandation pendant que vous écriviez. Comparez les deux versions."),
    "nothing_to_change": _l("Rien à modifier."),
    "invalid_status": _l("Le statut doit être « brouillon » ou « retenue »."),
    "merge_needs_two": _l("Choisissez au moins deux recommandations à fusionner."),
    "invalid_votes": _l("Le nombre de gommettes doit être un nombre entre 0 et %(max)s."),
    "voting_closed": _l("Le vote n'est pas ouvert."),
    "no_votes_left": _l("Vous avez déjà utilisé vos %(max)s gommettes. Retirez-en une pour voter ailleurs."),
    # Agenda, timer, restitution, formats.
    "agenda_end": _l("C'est la dernière séquence du programme."),
    "agenda_start": _l("C'est le début du programme."),
    "agenda_moved": _l("Le programme a changé pendant ce temps (une autre personne l'a déplacé) : "
                       "vérifiez où il en est, puis recommencez si besoin."),
    "invalid_agenda_position": _l("Position de départ invalide : indiquez la journée et la "
                                  "séquence (identifiants ou null)."),
    "unknown_day": _l("Cette journée n'existe pas dans cet atelier."),
    "unknown_agenda_action": _l("Action inconnue : utilisez next, previous ou goto."),
    "axis_not_in_sequence": _l("Cet axe ne fait pas partie de la séquence en cours."),
    "minutes_required": _l("Indiquez une durée en minutes."),
    "invalid_minutes": _l("La durée doit être un nombre de minutes entre 1 et %(max)s."),
    "timer_not_running": _l("Le minuteur n'est pas lancé."),
    "timer_not_paused": _l("Le minuteur n'est pas en pause."),
    "unknown_timer_action": _l("Action inconnue : utilisez start, pause, resume, add ou stop."),
    "no_restitution": _l("Aucune restitution n'est en cours."),
    "unknown_screen": _l("Cet écran n'existe pas (la restitution en compte %(max)s)."),
    "invalid_agenda": _l("Le programme est invalide : %(reason)s"),
    "invalid_sequence": _l("Journée %(day)s, séquence %(sequence)s : %(reason)s"),
    "invalid_date": _l("La date doit être au format AAAA-MM-JJ."),
    "invalid_time": _l("L'heure doit s'écrire HH:MM (par exemple 09:30)."),
    "date_out_of_range": _l("La date doit être comprise entre les années %(min)s et %(max)s."),
    "sequence_already_run": _l("La séquence « %(title)s » a déjà eu lieu : elle ne peut plus être supprimée."),
    "day_in_progress": _l("La journée « %(title)s » est en cours ou contient des séquences déjà menées."),
    # The programme form's « Jour » field (agenda_edit.to_chosen_days), the room's sequence.
    "unknown_chosen_day": _l("Journée %(day)s, séquence %(sequence)s : "
                             "la journée choisie n'existe pas dans cet atelier."),
    "chosen_day_removed": _l("Journée %(day)s, séquence %(sequence)s : "
                             "la journée choisie est supprimée dans ce même envoi ; choisissez-en une autre."),
    "chosen_day_full": _l("Journée %(day)s, séquence %(sequence)s : "
                          "la journée « %(title)s » a déjà %(max)s séquences, le maximum."),
    "current_sequence_stays": _l("Journée %(day)s, séquence %(sequence)s : « %(title)s » est en cours dans "
                                 "la salle, elle reste dans sa journée. Passez à une autre séquence "
                                 "avant de la déplacer."),
    "invalid_format": _l("%(message)s"),
    "unknown_custom_format": _l("Ce format n'existe pas ou ne vous appartient pas."),
    "too_many_formats": _l("Vous avez déjà %(max)s formats : supprimez-en un d'abord."),
    # Booklet: curation, exports, archive, data lifecycle.
    "invalid_text": _l("Le texte est invalide."),
    "cannot_merge_cards": _l("Seules deux cartes du même type, sur le même axe ou la même question, peuvent être fusionnées."),
    "not_in_booklet": _l("Cette recommandation n'apparaît pas dans le livret."),
    "invalid_retention": _l("La durée de conservation doit être un nombre de jours entre 1 et %(max)s."),
    "unknown_export_format": _l("Format d'export inconnu : choisissez parmi %(formats)s."),
    "unknown_export": _l("Cet export n'existe pas ou plus."),
    "export_not_ready": _l("Ce fichier n'est pas encore prêt (ou a été supprimé)."),
    "invalid_archive": _l("Archive refusée : %(reason)s"),
    # A reason of invalid_archive (`reason_code`), not a code of its own.
    "archive_inconsistent": _l("ses données sont incohérentes entre elles."),
    "confirmation_required": _l("Pour confirmer, recopiez exactement le code de l'atelier."),
    # Booklet: the organisation's identity and choices, the ready-to-send check.
    "field_too_long": _l("« %(field)s » ne doit pas dépasser %(max)s caractères."),
    "logo_not_image": _l("Ce fichier n'est pas une image PNG, JPEG ou SVG : rien n'a été enregistré."),
    "logo_too_large": _l("Ce logo dépasse %(max)s : rien n'a été enregistré. Réduisez-le puis réessayez."),
    "logo_unsafe_svg": _l("Ce SVG contient un script, un lien ou une ressource extérieure : il est refusé. Exportez-le en PNG ou en SVG simple."),
    "invalid_colour": _l("La couleur doit s'écrire #RRVVBB, par exemple #0b5c6b."),
    "invalid_links": _l("Les liens sont invalides (au plus %(max)s, un par ligne : « Libellé | https://… »)."),
    "invalid_link_url": _l("Lien refusé : « %(url)s ». Seules les adresses http:// ou https:// sont acceptées."),
    "partner_name_required": _l("Le nom du partenaire est obligatoire."),
    "too_many_partners": _l("Au plus %(max)s partenaires."),
    "unknown_partner": _l("Ce partenaire n'existe pas."),
    "invalid_setting_choice": _l("Choix invalide : %(choices)s."),
    "invalid_top_cards": _l("Le nombre de cartes par axe doit être entre 0 (toutes) et %(max)s."),
    "booklet_not_ready": _l("Le livret n'est pas prêt à envoyer : il imprimerait des passages entre crochets. Corrigez-les ou exportez quand même."),
    "warning_placeholder": _l("%(where)s : « %(text)s » serait imprimé tel quel."),
    "warning_empty_part": _l("%(where)s : partie vide, elle n'apparaîtra pas."),
    "warning_draft_not_saved": _l("%(where)s : la proposition du format, dans sa case ci-dessous, n'est pas encore enregistrée. Complétez-la puis « Enregistrer les textes », sinon cette partie n'apparaîtra pas."),
    "warning_empty_axes": lambda params: ngettext(
        "%(num)s axe sans aucune carte (%(axes)s) : le retirer du livret ou écrire « Aucune contribution sur cet axe » ?",
        "%(num)s axes sans aucune carte (%(axes)s) : les retirer du livret ou écrire « Aucune contribution sur cet axe » ?",
        params["count"], axes=params["axes"]),
    "warning_recommendations_not_kept": _l("Recommandations retenues : %(kept)s sur %(total)s. Le livret doit-il montrer toutes les recommandations ou seulement les retenues ?"),
    "export_interrupted": _l("L'export a été interrompu (le serveur s'est arrêté pendant la mise en page). Relancez-le."),
}


def worded(warnings: list[dict]) -> list[dict]:
    """The booklet's warnings (services/readiness.py), each with its message."""
    return [dict(warning, message=message_for(
        "warning_draft_not_saved" if warning["params"].get("draft_not_saved")
        else f"warning_{warning['code']}", warning["params"])) for warning in warnings]


def message_for(code: str, params: dict | None = None) -> str:
    """The message of `code`; a `reason_code` parameter is itself a message, given to the
    template as `reason` (so a service names a reason without writing it), or added after
    a `reason` text the service wrote."""
    template = MESSAGES.get(code)
    if template is None:
        return gettext("Requête invalide.")
    if callable(template):  # a count in words: ngettext with the parameters
        return template(params or {})
    if params and "reason_code" in params:  # after the text's own reason, if it has one
        detail = str(MESSAGES[params["reason_code"]])
        params = dict(params, reason=f"{params['reason']} : {detail}"
                      if params.get("reason") else detail)
    return str(template) % (params or {}) if params else str(template)
