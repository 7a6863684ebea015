import type { Catalog } from '../shared/i18n.ts';

/**
 * The outcomes of a Full Membership vote, to the Mayor's office, in the language the city applied
 * in (with the membership emails' shared words). The approval's subject, and only it, contains
 * `Full Member` in every language (the API contract).
 */
export const outcomeMessages = {
  en: {
    'approved.subject': '{city} is now a Full Member of WeGO',
    'approved.heading': 'Congratulations, {city}',
    'approved.body':
      'The WeGO Executive Committee has approved {cityLabel} as a Full Member of WeGO. The member directory now shows your city as a Full Member.',
    'approved.thanks': 'Thank you for your commitment to WeGO. We look forward to working with your city.',
    'fact.fullMember': 'Full Member',
    'fact.fullMemberSince': 'Full Member since',
    'notApproved.subject': 'WeGO Executive Committee decision on {city}',
    'notApproved.heading': 'The upgrade to Full Membership was not approved',
    'notApproved.rejected':
      'The WeGO Executive Committee has voted on the proposal to upgrade {cityLabel} to Full Member. Enough members voted against it that a majority in favour can no longer be reached, so the proposal was not approved.',
    'notApproved.expired':
      'The WeGO Executive Committee vote on the proposal to upgrade {cityLabel} to Full Member closed before a majority of the committee approved it, so the proposal was not approved.',
    'notApproved.remains':
      '{city} remains an Associate Member of WeGO, with all the rights it had before. The Secretariat may propose the upgrade again in the future.',
    'fact.result': 'Result',
    'result.rejected': 'Not approved by the committee',
    'result.expired': 'Vote closed without a majority',
    'fact.votesApprove': 'Votes to approve',
    'fact.votesReject': 'Votes to reject',
    'fact.notVoted': 'Did not vote',
    'fact.committee': 'Committee members',
    'membership.unchanged': 'Associate Member (unchanged)',
  },
  ko: {
    'approved.subject': '{city}, WeGO 정회원이 되었습니다 (Full Member)',
    'approved.heading': '축하합니다, {city}',
    'approved.body':
      'WeGO 집행위원회는 {cityLabel}을(를) WeGO 정회원으로 승인했습니다. 이제 회원 명부에 귀 도시가 정회원으로 표시됩니다.',
    'approved.thanks': 'WeGO에 대한 귀 도시의 헌신에 감사드립니다. 앞으로 함께 일하기를 기대합니다.',
    'fact.fullMember': '정회원',
    'fact.fullMemberSince': '정회원 승인일',
    'notApproved.subject': '{city}에 대한 WeGO 집행위원회의 결정',
    'notApproved.heading': '정회원 승격이 승인되지 않았습니다',
    'notApproved.rejected':
      'WeGO 집행위원회는 {cityLabel}의 정회원 승격 제안에 대해 투표했습니다. 반대표가 많아 더 이상 찬성 과반수에 도달할 수 없으므로 제안은 승인되지 않았습니다.',
    'notApproved.expired':
      '{cityLabel}의 정회원 승격 제안에 대한 WeGO 집행위원회 투표가 위원 과반수의 찬성 없이 마감되어 제안은 승인되지 않았습니다.',
    'notApproved.remains':
      '{city}은(는) 이전과 같은 모든 권리를 가진 WeGO 준회원으로 남습니다. 사무국은 향후 다시 승격을 제안할 수 있습니다.',
    'fact.result': '결과',
    'result.rejected': '위원회에서 승인되지 않음',
    'result.expired': '과반수 없이 투표 마감',
    'fact.votesApprove': '찬성',
    'fact.votesReject': '반대',
    'fact.notVoted': '미투표',
    'fact.committee': '위원 수',
    'membership.unchanged': '준회원(변동 없음)',
  },
  es: {
    'approved.subject': '{city} es ahora miembro de pleno derecho de WeGO (Full Member)',
    'approved.heading': 'Enhorabuena, {city}',
    'approved.body':
      'El Comité Ejecutivo de WeGO ha aprobado a {cityLabel} como miembro de pleno derecho de WeGO. El directorio de miembros muestra ahora a su ciudad como miembro de pleno derecho.',
    'approved.thanks': 'Gracias por su compromiso con WeGO. Esperamos con interés trabajar con su ciudad.',
    'fact.fullMember': 'Miembro de pleno derecho',
    'fact.fullMemberSince': 'Miembro de pleno derecho desde',
    'notApproved.subject': 'Decisión del Comité Ejecutivo de WeGO sobre {city}',
    'notApproved.heading': 'No se ha aprobado el paso a miembro de pleno derecho',
    'notApproved.rejected':
      'El Comité Ejecutivo de WeGO ha votado la propuesta de convertir a {cityLabel} en miembro de pleno derecho. Suficientes miembros votaron en contra como para que ya no pueda alcanzarse una mayoría a favor, por lo que la propuesta no ha sido aprobada.',
    'notApproved.expired':
      'La votación del Comité Ejecutivo de WeGO sobre la propuesta de convertir a {cityLabel} en miembro de pleno derecho se cerró antes de que la mayoría del comité la aprobara, por lo que la propuesta no ha sido aprobada.',
    'notApproved.remains':
      '{city} sigue siendo miembro asociado de WeGO, con todos los derechos que tenía. La Secretaría podrá volver a proponer el cambio en el futuro.',
    'fact.result': 'Resultado',
    'result.rejected': 'No aprobada por el comité',
    'result.expired': 'Votación cerrada sin mayoría',
    'fact.votesApprove': 'Votos a favor',
    'fact.votesReject': 'Votos en contra',
    'fact.notVoted': 'No votaron',
    'fact.committee': 'Miembros del comité',
    'membership.unchanged': 'Miembro asociado (sin cambios)',
  },
  fr: {
    'approved.subject': '{city} est désormais membre de plein droit de WeGO (Full Member)',
    'approved.heading': 'Félicitations, {city}',
    'approved.body':
      'Le Comité exécutif de WeGO a approuvé {cityLabel} comme membre de plein droit de WeGO. L’annuaire des membres indique désormais votre ville comme membre de plein droit.',
    'approved.thanks':
      'Merci de votre engagement envers WeGO. Nous nous réjouissons de travailler avec votre ville.',
    'fact.fullMember': 'Membre de plein droit',
    'fact.fullMemberSince': 'Membre de plein droit depuis',
    'notApproved.subject': 'Décision du Comité exécutif de WeGO concernant {city}',
    'notApproved.heading': 'Le passage au statut de membre de plein droit n’a pas été approuvé',
    'notApproved.rejected':
      'Le Comité exécutif de WeGO a voté sur la proposition de faire de {cityLabel} un membre de plein droit. Suffisamment de membres ont voté contre pour qu’une majorité favorable ne puisse plus être atteinte : la proposition n’a donc pas été approuvée.',
    'notApproved.expired':
      'Le vote du Comité exécutif de WeGO sur la proposition de faire de {cityLabel} un membre de plein droit s’est clos avant qu’une majorité du comité ne l’approuve : la proposition n’a donc pas été approuvée.',
    'notApproved.remains':
      '{city} reste membre associé de WeGO, avec tous les droits dont elle disposait. Le Secrétariat pourra proposer à nouveau ce passage à l’avenir.',
    'fact.result': 'Résultat',
    'result.rejected': 'Non approuvée par le comité',
    'result.expired': 'Vote clos sans majorité',
    'fact.votesApprove': 'Voix pour',
    'fact.votesReject': 'Voix contre',
    'fact.notVoted': 'N’ont pas voté',
    'fact.committee': 'Membres du comité',
    'membership.unchanged': 'Membre associé (inchangé)',
  },
  ru: {
    'approved.subject': '{city} теперь полноправный член WeGO (Full Member)',
    'approved.heading': 'Поздравляем, {city}!',
    'approved.body':
      'Исполнительный комитет WeGO утвердил город {cityLabel} в качестве полноправного члена WeGO. В реестре членов ваш город теперь указан как полноправный член.',
    'approved.thanks': 'Благодарим вас за приверженность WeGO. Мы рады сотрудничеству с вашим городом.',
    'fact.fullMember': 'Полноправный член',
    'fact.fullMemberSince': 'Полноправный член с',
    'notApproved.subject': 'Решение Исполнительного комитета WeGO по городу {city}',
    'notApproved.heading': 'Переход в полноправные члены не утверждён',
    'notApproved.rejected':
      'Исполнительный комитет WeGO проголосовал по предложению о переводе города {cityLabel} в полноправные члены. Против проголосовало столько членов, что большинство «за» уже недостижимо, поэтому предложение не утверждено.',
    'notApproved.expired':
      'Голосование Исполнительного комитета WeGO по предложению о переводе города {cityLabel} в полноправные члены завершилось прежде, чем большинство комитета его одобрило, поэтому предложение не утверждено.',
    'notApproved.remains':
      '{city} остаётся ассоциированным членом WeGO со всеми прежними правами. Секретариат может снова предложить перевод в будущем.',
    'fact.result': 'Итог',
    'result.rejected': 'Не одобрено комитетом',
    'result.expired': 'Голосование завершено без большинства',
    'fact.votesApprove': 'Голосов «за»',
    'fact.votesReject': 'Голосов «против»',
    'fact.notVoted': 'Не голосовали',
    'fact.committee': 'Членов комитета',
    'membership.unchanged': 'Ассоциированный член (без изменений)',
  },
  zh: {
    'approved.subject': '{city}已成为 WeGO 正式会员 (Full Member)',
    'approved.heading': '祝贺{city}',
    'approved.body': 'WeGO 执行委员会已批准{cityLabel}成为 WeGO 正式会员。会员名录现已将贵市列为正式会员。',
    'approved.thanks': '感谢贵市对 WeGO 的支持，我们期待与贵市的合作。',
    'fact.fullMember': '正式会员',
    'fact.fullMemberSince': '成为正式会员日期',
    'notApproved.subject': 'WeGO 执行委员会关于{city}的决定',
    'notApproved.heading': '升级为正式会员的提议未获批准',
    'notApproved.rejected':
      'WeGO 执行委员会已就{cityLabel}升级为正式会员的提议进行投票。由于反对票已使赞成票无法达到多数，该提议未获批准。',
    'notApproved.expired':
      'WeGO 执行委员会关于{cityLabel}升级为正式会员提议的投票在获得委员会多数赞成之前已截止，因此该提议未获批准。',
    'notApproved.remains': '{city}仍为 WeGO 准会员，享有此前的全部权利。秘书处今后可再次提议升级。',
    'fact.result': '结果',
    'result.rejected': '未获委员会批准',
    'result.expired': '投票截止时未达多数',
    'fact.votesApprove': '赞成票',
    'fact.votesReject': '反对票',
    'fact.notVoted': '未投票',
    'fact.committee': '委员人数',
    'membership.unchanged': '准会员（不变）',
  },
  ar: {
    'approved.subject': 'أصبحت {city} عضوًا كامل العضوية في WeGO (Full Member)',
    'approved.heading': 'تهانينا، {city}',
    'approved.body':
      'وافقت اللجنة التنفيذية لـ WeGO على {cityLabel} عضوًا كامل العضوية في WeGO. يُظهر دليل الأعضاء الآن مدينتكم عضوًا كامل العضوية.',
    'approved.thanks': 'شكرًا لالتزامكم تجاه WeGO. نتطلع إلى العمل مع مدينتكم.',
    'fact.fullMember': 'عضو كامل العضوية',
    'fact.fullMemberSince': 'عضو كامل العضوية منذ',
    'notApproved.subject': 'قرار اللجنة التنفيذية لـ WeGO بشأن {city}',
    'notApproved.heading': 'لم تتم الموافقة على الترقية إلى العضوية الكاملة',
    'notApproved.rejected':
      'صوّتت اللجنة التنفيذية لـ WeGO على اقتراح ترقية {cityLabel} إلى عضو كامل العضوية. صوّت عدد كافٍ من الأعضاء ضده بحيث لم يعد من الممكن بلوغ أغلبية مؤيدة، لذا لم تتم الموافقة على الاقتراح.',
    'notApproved.expired':
      'أُغلق تصويت اللجنة التنفيذية لـ WeGO على اقتراح ترقية {cityLabel} إلى عضو كامل العضوية قبل أن توافق عليه أغلبية اللجنة، لذا لم تتم الموافقة على الاقتراح.',
    'notApproved.remains':
      'تبقى {city} عضوًا منتسبًا في WeGO بجميع الحقوق التي كانت لها. ويمكن للأمانة اقتراح الترقية مجددًا في المستقبل.',
    'fact.result': 'النتيجة',
    'result.rejected': 'لم توافق عليه اللجنة',
    'result.expired': 'أُغلق التصويت دون أغلبية',
    'fact.votesApprove': 'أصوات الموافقة',
    'fact.votesReject': 'أصوات الرفض',
    'fact.notVoted': 'لم يصوّتوا',
    'fact.committee': 'أعضاء اللجنة',
    'membership.unchanged': 'عضو منتسب (دون تغيير)',
  },
} satisfies Catalog;
