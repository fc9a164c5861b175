// ESLint with type information (typescript-eslint): promises that nobody awaits, values of unknown type
// flowing into typed code, and the usual mistakes. Formatting is Prettier's (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['out/**', 'node_modules/**', 'src/language/generated/**', 'test-output/**', '**/*.vsix'] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                projectService: { allowDefaultProject: ['*.js', '*.ts'] },
                tsconfigRootDir: import.meta.dirname
            }
        },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-unsafe-assignment': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            // Langium's and VS Code's hooks are async by contract; an override with nothing to await is still written async.
            '@typescript-eslint/require-await': 'off'
        }
    },
    {
        files: ['**/*.js'],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: { globals: { process: 'readonly', console: 'readonly' } }
    },
    prettier
);
