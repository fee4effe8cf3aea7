"""User-facing messages for service error codes, in the user's language.

Messages are written in French (the source language); the English catalogue
translates them. Add a line here for every new ServiceError code.
"""
from flask_babel import gettext, lazy_gettext as _l

MESSAGES = {
    "invalid_json": _l("La requête n'est pas un JSON valide."),
    "invalid_body": _l("Le contenu de la requête doit être un objet JSON."),
    "unauthorized": _l("Identifiez-vous pour continuer."),
    "bad_credentials": _l("Adresse e-mail ou mot de passe incorrect."),
    "not_allowed": _l("Vous n'avez pas accès à cette action."),
    "not_found": _l("Cette page ou cette ressource n'existe pas."),
    "method_not_allowed": _l("Cette opération n'est pas possible ici."),
    "too_large": _l("La requête est trop volumineuse."),
    "invalid_email": _l("Adresse e-mail invalide."),
    "password_too_short": _l("Le mot de passe doit faire au moins %(min)s caractères."),
    "account_exists": _l("Un compte existe déjà avec cette adresse."),
    "no_such_account": _l("Aucun compte n'existe avec cette adresse. Créez-le d'abord."),
    "unknown_workshop": _l("Aucun atelier ne correspond à ce code."),
    "unknown_format": _l("Ce format d'atelier n'existe pas."),
    "title_required": _l("Le titre est obligatoire."),
    "title_too_long": _l("Le titre ne doit pas dépasser %(max)s caractères."),
    "description_too_long": _l("La description ne doit pas dépasser %(max)s caractères."),
    "invalid_axes": _l("La liste des axes est invalide."),
    "unknown_axis": _l("Cet axe n'existe pas dans cet atelier."),
    "unknown_view": _l("Cet affichage n'existe pas."),
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
    # Mixed groups and recommendations (services/groups.py, services/recommendations.py)
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
    "invalid_open": _l("« open » doit valoir true ou false."),
    "invalid_votes": _l("Le nombre de gommettes doit être un nombre entre 0 et %(max)s."),
    "voting_closed": _l("Le vote n'est pas ouvert."),
    "no_votes_left": _l("Vous avez déjà utilisé vos %(max)s gommettes. Retirez-en une pour voter ailleurs."),
}


def message_for(code: str, params: dict | None = None) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return gettext("Requête invalide.")
    return str(template) % (params or {}) if params else str(template)
