import { describe, expect, it } from 'vitest';
import { readRegistry, registryOffices, type RegistryOffice } from '../../../sql/registry.ts';
import { createOfficeResolver } from '../../../etl/transform/resolve-office.ts';

const oblast = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast'])));
const both = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast', 'almaty-city'])));

describe('resolve: an office is named by any spelling the contract lists', () => {
  it.each([
    ['Сарканский РОП', 'SRK'],
    ['сарканский', 'SRK'],
    ['  САРКАНСКИЙ   роп ', 'SRK'],
    ['Саркан', 'SRK'],
    ['Сарқан', 'SRK'],
    ['Сарқан ауданы', 'SRK'],
    ['Sarkand', 'SRK'],
    ['SARKAND district', 'SRK'],
    ['SRK', 'SRK'],
    ['srk', 'SRK'],
    ['Талдыкорганский ГОП', 'TDK'],
    ['г. Талдыкорган', 'TDK'],
    ['Taldykorgan city', 'TDK'],
    ['Жаркент', 'PNF'],
    ['Панфиловский район', 'PNF'],
    ['Еңбекшіқазақ аудандық', 'ENB'],
    ['Енбекшиказахский РОП', 'ENB'],
    ['Ескельдинский РОП', 'ESK'],
    ['Ескелді', 'ESK'],
    ['Отеген батыр', 'ILE'],
  ])('%s → %s', (name, code) => {
    expect(oblast.resolve(name)).toBe(code);
  });

  it('reads the Russian adjective in other cases ("РОП по Сарканскому району")', () => {
    expect(oblast.resolve('РОП по Сарканскому району')).toBe('SRK');
    expect(oblast.resolve('Алматинская обл., Аксуский РОП')).toBe('AKS');
  });

  it('folds ё to е', () => {
    const offices: RegistryOffice[] = [{
      code: 'TST', kind: 'district', ru: 'Тёплый РОП', kk: 'Жылы', en: 'Teply', centre: 'Тёплое',
      lat: 43, lon: 77, aliases: [], region: 'test',
    }];
    expect(createOfficeResolver(offices).resolve('теплый роп')).toBe('TST');
  });

  it('matches the Windows-1251 look-alikes of Kazakh letters', () => {
    expect(oblast.resolve('Саркан ауданы')).toBe('SRK');
    expect(oblast.resolve('Талдыкорган')).toBe('TDK');
    expect(oblast.resolve('Текелi')).toBe('TKL'); // Latin i for і
    expect(oblast.resolve('Текели')).toBe('TKL');
    expect(oblast.resolve('Енбекшиказак')).toBe('ENB');
    expect(oblast.resolve('Енбекшiказак')).toBe('ENB');
    expect(oblast.resolve('Алакол ауданы')).toBe('ALK');
    expect(oblast.resolve('Уйгыр')).toBe('UYG');
    expect(oblast.resolve('Кербулак')).toBe('KRB');
    expect(oblast.resolve('Иле')).toBe('ILE');
  });

  it('accepts the registry aliases', () => {
    const offices = registryOffices(readRegistry(['almaty-oblast']))
      .map((o) => (o.code === 'KPG' ? { ...o, aliases: ['Конаев', 'Qonaev'] } : o));
    const resolver = createOfficeResolver(offices);
    expect(resolver.resolve('ГОП Конаев')).toBe('KPG');
    expect(resolver.resolve('qonaev')).toBe('KPG');
  });

  it('answers null for an unknown name, an empty one, or one two offices share', () => {
    expect(oblast.resolve('Неизвестный РОП')).toBeNull();
    expect(oblast.resolve('')).toBeNull();
    expect(oblast.resolve('РОП')).toBeNull();
    expect(oblast.resolve('Сарканский / Аксуский')).toBeNull();
    // Every Almaty city office has the centre "Алматы".
    expect(both.resolve('Алматы')).toBeNull();
    expect(both.resolve('Алатауский РУП г. Алматы')).toBe('ALT');
  });

  it('gives the same answer for a repeated name (cached)', () => {
    const resolver = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast'])));
    expect(resolver.resolve('Сарқан')).toBe('SRK');
    expect(resolver.resolve('Сарқан')).toBe('SRK');
    expect(resolver.resolve('нет такого')).toBeNull();
    expect(resolver.resolve('нет такого')).toBeNull();
  });
});

describe('fromFileName: the office is the part of the name that resolves', () => {
  it.each([
    ['SRK_2019-01.csv', 'SRK'],
    ['srk2019-01.csv', 'SRK'],
    ['Сарканский РОП январь 2019.csv', 'SRK'],
    ['Сарқан ауданы IV тоқсан 2019.xlsx', 'SRK'],
    ['2019-03 Жаркент.jsonl', 'PNF'],
    ['Taldykorgan Q1 2019.arrow', 'TDK'],
    ['/data/in/Аксуский РОП 1 кв. 2019.csv', 'AKS'],
    ['Отчет ГОП Текели за февраль 2019 г.xlsx', 'TKL'],
    ['Текели I квартал 2019.xlsx', 'TKL'],
    ['Кеген 1-й квартал 2019.csv', 'KEG'],
    ['Kegen_March_2019.csv', 'KEG'],
  ])('%s → %s', (file, code) => {
    expect(oblast.fromFileName(file)).toBe(code);
  });

  it.each([
    ['Сарканский РОП января 2019.csv'], ['Сарканский РОП январе 2019.csv'], ['Сарканский РОП янв 2019.csv'],
    ['Сарқан қаңтар 2019.csv'], ['Сарқан қаңтардағы 2019.csv'], ['Саркан кантар 2019.csv'],
    ['Sarkand January 2019.csv'], ['Sarkand jan 2019.csv'], ['SRK_2019_мая.csv'], ['SRK желтоқсан 2019.csv'],
    ['SRK Декабрь 2019.csv'], ['SRK сәуір 2019.csv'], ['SRK 2019 жылғы мамыр.csv'], ['SRK sept 2019.csv'],
  ])('month names in Russian, Kazakh and English are not the office: %s', (file) => {
    expect(oblast.fromFileName(file)).toBe('SRK');
  });

  it('keeps an office whose name looks like a month (Наурызбай is not наурыз)', () => {
    expect(both.fromFileName('Наурызбайский РУП наурыз 2019.csv')).toBe('NRZ');
  });

  it('answers null when the name has no office or names two', () => {
    expect(oblast.fromFileName('visits_2019-01.csv')).toBeNull();
    expect(oblast.fromFileName('январь 2019.csv')).toBeNull();
    expect(oblast.fromFileName('SRK и AKS 2019.csv')).toBeNull();
  });
});
