import { defineMessages } from '../i18n/messages.ts';

export const nm = defineMessages('notifications', {
  recipient_not_in_tenant: {
    en: '{count, plural, one {A recipient is not} other {# recipients are not}} a member of this firm',
    cs: '{count, plural, one {Příjemce není členem} few {# příjemci nejsou členy} many {# příjemce není členy} other {# příjemců není členy}} této firmy',
  },
  unknown_permission: {
    en: 'No module declares the permission {permission}',
    cs: 'Oprávnění {permission} nedeklaruje žádný modul',
  },
  no_recipients: {
    en: 'Nobody in this firm holds the permission {permission}',
    cs: 'Oprávnění {permission} nemá v této firmě nikdo',
  },
  not_found: { en: 'Notification not found', cs: 'Oznámení nenalezeno' },
  user_only: {
    en: 'Notifications belong to people: sign in instead of using an API token',
    cs: 'Oznámení patří lidem: přihlaste se místo použití API tokenu',
  },
  unknown_topic: { en: 'Unknown notification topic', cs: 'Neznámý druh oznámení' },
  severity_info: { en: 'Information', cs: 'Informace' },
  severity_warning: { en: 'Warning', cs: 'Upozornění' },
  severity_critical: { en: 'Critical', cs: 'Kritické' },
  mail_subject: { en: '{firm}: {title}', cs: '{firm}: {title}' },
  mail_text: {
    en: '{title}\n\n{body}\n\nOpen: {link}\n\nYou receive this e-mail because of your notification settings in {firm}. Change them at {settings}',
    cs: '{title}\n\n{body}\n\nOtevřít: {link}\n\nTento e-mail dostáváte podle svého nastavení oznámení ve firmě {firm}. Změnit ho můžete na {settings}',
  },
});
